using ContentGrains.Core.Log;

namespace ContentGrains.Core.Tests.Log;

public class AppliedWindowTests
{
    private static AppliedWindow Window(int capacity, params long[] marked)
    {
        var w = new AppliedWindow { Capacity = capacity };
        foreach (var s in marked) Assert.True(w.TryMark(s), $"first mark of {s}");
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

        Assert.False(w.TryMark(10));
        Assert.Equal([10L], w.Sequences);
    }

    [Fact]
    public void Out_of_order_sequence_is_accepted_once_and_kept_sorted()
    {
        var w = Window(4, 10, 30);

        Assert.True(w.TryMark(20));
        Assert.False(w.TryMark(20));
        Assert.True(w.TryMark(5)); // older than all, but the window is not full
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

        Assert.True(w.TryMark(4));

        Assert.Equal([2L, 3L, 4L], w.Sequences);
        Assert.Equal(2, w.ReplayFrom);
    }

    [Fact]
    public void Full_window_refuses_sequences_older_than_all_it_holds()
    {
        var w = Window(3, 5, 6, 7);

        Assert.False(w.TryMark(4));
        Assert.False(w.TryMark(1));
        Assert.Equal([5L, 6L, 7L], w.Sequences);
    }

    [Fact]
    public void Forgotten_sequence_is_refused_when_delivered_again()
    {
        var w = Window(3, 1, 2, 3, 4);

        Assert.False(w.TryMark(1));
    }

    [Fact]
    public void Full_window_accepts_a_missing_sequence_inside_its_range()
    {
        var w = Window(3, 10, 20, 30);

        Assert.True(w.TryMark(15));

        Assert.Equal([15L, 20L, 30L], w.Sequences);
    }

    [Fact]
    public void Capacity_is_respected_over_many_marks()
    {
        var w = Window(3);
        for (long s = 1; s <= 100; s++) Assert.True(w.TryMark(s));

        Assert.Equal([98L, 99L, 100L], w.Sequences);
        Assert.Equal(98, w.ReplayFrom);
    }

    [Fact]
    public void Restored_sequences_keep_deduplicating()
    {
        var w = new AppliedWindow { Capacity = 4, Sequences = [3, 8] };

        Assert.False(w.TryMark(8));
        Assert.True(w.TryMark(4));
        Assert.Equal([3L, 4L, 8L], w.Sequences);
    }
}
