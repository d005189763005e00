using ContentGrains.Core.Log;

namespace ContentGrains.Core.Tests.Log;

public class AppliedWindowTests
{
    private static AppliedWindow Window(int capacity, params long[] marked)
    {
        var w = new AppliedWindow { Capacity = capacity };
        foreach (var s in marked) Assert.True(w.TryMarkLive(s), $"first mark of {s}");
        return w;
    }

    [Fact]
    public void New_window_is_empty_with_default_capacity_and_replays_from_zero()
    {
        var w = new AppliedWindow();

        Assert.Equal(512, w.Capacity);
        Assert.Empty(w.Sequences);
        Assert.Equal(0, w.ReplayFrom);
    }

    [Fact]
    public void Duplicate_is_refused()
    {
        var w = Window(4, 10);

        Assert.False(w.TryMarkLive(10));
        Assert.Equal([10L], w.Sequences);
    }

    [Fact]
    public void Out_of_order_sequence_is_accepted_once_and_kept_sorted()
    {
        var w = Window(4, 10, 30);

        Assert.True(w.TryMarkLive(20));
        Assert.False(w.TryMarkLive(20));
        Assert.True(w.TryMarkLive(5)); // older than all, but the window is not full
        Assert.Equal([5L, 10L, 20L, 30L], w.Sequences);
    }

    [Fact]
    public void ReplayFrom_is_the_oldest_held_sequence()
    {
        var w = Window(4, 17, 9, 12);

        Assert.Equal(9, w.ReplayFrom);
    }

    [Fact]
    public void Full_window_forgets_the_oldest_and_replays_from_the_next()
    {
        var w = Window(3, 1, 2, 3);

        Assert.True(w.TryMarkLive(4));

        Assert.Equal([2L, 3L, 4L], w.Sequences);
        Assert.Equal(2, w.ReplayFrom);
    }

    [Fact]
    public void Full_window_applies_a_late_live_event_older_than_all_it_holds()
    {
        // Concurrent batches overtook it: 5, 6, 7 arrived first. Live deliveries are unique, so 4 is new.
        var w = Window(3, 5, 6, 7);

        Assert.True(w.TryMarkLive(4));
        Assert.Equal([5L, 6L, 7L], w.Sequences);
        Assert.Equal(5, w.ReplayFrom);
    }

    [Fact]
    public void Replay_duplicates_are_skipped_even_when_older_than_the_window()
    {
        var w = new AppliedWindow { Capacity = 3 };
        foreach (var s in new long[] { 1, 2, 3, 4, 5 }) Assert.True(w.TryMarkReplayed(s));
        Assert.Equal(5, w.ReplayedUpTo);

        // Deliveries in flight during activation arrive after the replay that already applied them.
        Assert.False(w.TryMarkLive(5));
        Assert.False(w.TryMarkLive(1));
        // A genuinely new event is applied.
        Assert.True(w.TryMarkLive(6));
    }

    [Fact]
    public void Replay_skips_what_the_snapshot_says_was_applied()
    {
        var w = new AppliedWindow { Capacity = 4, Sequences = [3, 8] };

        Assert.False(w.TryMarkReplayed(8));
        Assert.True(w.TryMarkReplayed(5));
        Assert.Equal([3L, 5L, 8L], w.Sequences);
    }

    [Fact]
    public void Full_window_accepts_a_missing_sequence_inside_its_range()
    {
        var w = Window(3, 10, 20, 30);

        Assert.True(w.TryMarkLive(15));

        Assert.Equal([15L, 20L, 30L], w.Sequences);
    }

    [Fact]
    public void Capacity_is_respected_over_many_marks()
    {
        var w = Window(3);
        for (long s = 1; s <= 100; s++) Assert.True(w.TryMarkLive(s));

        Assert.Equal([98L, 99L, 100L], w.Sequences);
        Assert.Equal(98, w.ReplayFrom);
    }

    [Fact]
    public void Restored_sequences_keep_deduplicating()
    {
        var w = new AppliedWindow { Capacity = 4, Sequences = [3, 8] };

        Assert.False(w.TryMarkLive(8));
        Assert.True(w.TryMarkLive(4));
        Assert.Equal([3L, 4L, 8L], w.Sequences);
    }

    [Fact]
    public void A_retry_of_an_event_pushed_out_of_a_full_window_is_skipped()
    {
        // 1 was applied, then 2, 3, 4 pushed it out; the ingest path's retry of 1 (its first answer lost) arrives now.
        var w = Window(3, 1, 2, 3, 4);

        Assert.False(w.TryMarkLive(1));
        Assert.Equal([2L, 3L, 4L], w.Sequences);
    }

    [Fact]
    public void A_late_event_applied_below_a_full_window_is_applied_once()
    {
        var w = Window(3, 5, 6, 7);

        Assert.True(w.TryMarkLive(4));
        Assert.False(w.TryMarkLive(4));
    }

    [Fact]
    public void A_sequence_a_late_insert_pushed_out_is_skipped_when_sent_again()
    {
        var w = Window(3, 10, 20, 30);
        Assert.True(w.TryMarkLive(15)); // pushes 10 out

        Assert.False(w.TryMarkLive(10));
    }

    [Fact]
    public void Every_event_of_a_long_stream_sent_again_is_skipped()
    {
        var w = new AppliedWindow();
        for (long s = 1; s <= 5_000; s++) Assert.True(w.TryMarkLive(s, nowMs: s));

        var appliedAgain = 0;
        for (long s = 1; s <= 5_000; s++) if (w.TryMarkLive(s, nowMs: 5_000)) appliedAgain++;

        Assert.Equal(0, appliedAgain);
        Assert.Equal(4_489, w.ReplayFrom);
    }

    [Fact]
    public void Memory_of_what_left_the_window_ends_after_the_redelivery_horizon()
    {
        // Past the horizon, no retry of the ingest path is still running: the memory is released (a later
        // delivery older than the window is taken as new, as before there was one).
        var w = new AppliedWindow { Capacity = 2 };
        Assert.True(w.TryMarkLive(1, nowMs: 0));
        Assert.True(w.TryMarkLive(2, nowMs: 0));
        Assert.True(w.TryMarkLive(3, nowMs: 0));
        var horizon = (long)AppliedWindow.RedeliveryHorizon.TotalMilliseconds;

        Assert.False(w.TryMarkLive(1, nowMs: horizon));
        Assert.True(w.TryMarkLive(1, nowMs: horizon + 1));
    }

    [Fact]
    public void Compacted_sequences_pack_into_the_bytes_counted_by_hand_and_the_window_decides_as_before()
    {
        var w = Window(8, 1_000, 1_001, 1_003, 1_000_000);

        w.Compact();

        // Count 4: 1 byte; 1,000 zigzagged (2,000): 2; differences 1 and 2: 1 each; 998,997: 3. Where the list held 32.
        Assert.Equal(8, w.PackedBytes());
        Assert.Equal(1_000, w.ReplayFrom); // unpacks
        Assert.Null(w.PackedBytes());
        w.Compact();
        Assert.False(w.TryMarkLive(1_003));
        Assert.True(w.TryMarkLive(1_002));
        Assert.Equal([1_000L, 1_001L, 1_002L, 1_003L, 1_000_000L], w.Sequences);
    }

    [Fact]
    public void An_empty_window_packs_into_nothing_and_stays_empty()
    {
        var w = new AppliedWindow();

        w.Compact();

        Assert.Equal(0, w.PackedBytes());
        Assert.Empty(w.Sequences);
        Assert.Equal(0, w.ReplayFrom);
    }
}
