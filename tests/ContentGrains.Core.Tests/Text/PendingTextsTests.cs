using ContentGrains.Core.Text;

namespace ContentGrains.Core.Tests.Text;

public sealed class PendingTextsTests
{
    [Fact]
    public void Takes_oldest_first_in_batches_with_each_item_s_latest_text()
    {
        var pending = new PendingTexts(capacity: 10);
        pending.TryAdd("a", "first a");
        pending.TryAdd("b", "b");
        pending.TryAdd("a", "second a"); // keeps its place, takes the new text
        pending.TryAdd("c", null);

        Assert.Equal([new PendingText("a", "second a"), new PendingText("b", "b")], pending.Take(2));
        Assert.Equal([new PendingText("c", null)], pending.Take(2));
        Assert.Empty(pending.Take(2));
        Assert.Equal(0, pending.Count);
    }

    [Fact]
    public void A_full_queue_still_updates_waiting_items_and_defers_new_ones_as_ids()
    {
        var pending = new PendingTexts(capacity: 2, deferredCapacity: 2);
        Assert.Equal(PendingOutcome.Queued, pending.TryAdd("a", "1"));
        Assert.Equal(PendingOutcome.Queued, pending.TryAdd("b", "1"));

        Assert.Equal(PendingOutcome.Queued, pending.TryAdd("a", "2")); // already waiting: takes the new text
        Assert.Equal(PendingOutcome.Deferred, pending.TryAdd("c", "1"));
        Assert.Equal(PendingOutcome.Deferred, pending.TryAdd("c", "2")); // waits once
        Assert.Equal(PendingOutcome.Deferred, pending.TryAdd("d", "1"));
        Assert.Equal(PendingOutcome.Dropped, pending.TryAdd("e", "1")); // both tiers full
        Assert.Equal((2, 2), (pending.Count, pending.DeferredCount));

        Assert.Equal("2", pending.Take(1)[0].Text);
        Assert.Equal(PendingOutcome.Queued, pending.TryAdd("d", "2")); // room again: waits with its text, no longer as an id
        Assert.Equal(["c"], pending.TakeDeferred(10));
        Assert.Empty(pending.TakeDeferred(10));
        Assert.Equal([new PendingText("b", "1"), new PendingText("d", "2")], pending.Take(10));
    }

    [Fact]
    public void Concurrent_writers_lose_no_item()
    {
        var pending = new PendingTexts(capacity: 100_000);
        Parallel.For(0, 8, w =>
        {
            for (var i = 0; i < 5_000; i++) Assert.Equal(PendingOutcome.Queued, pending.TryAdd($"item-{i}", $"writer {w}"));
        });
        Assert.Equal(5_000, pending.Take(10_000).Select(p => p.ItemId).Distinct().Count());
    }

    [Fact]
    public void Capacity_must_be_positive()
    {
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => new PendingTexts(0)).ParamName);
    }
}
