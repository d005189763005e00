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
    public void A_full_queue_refuses_new_items_but_still_updates_waiting_ones()
    {
        var pending = new PendingTexts(capacity: 2);
        Assert.True(pending.TryAdd("a", "1"));
        Assert.True(pending.TryAdd("b", "1"));

        Assert.False(pending.TryAdd("c", "1"));
        Assert.True(pending.TryAdd("a", "2"));
        Assert.Equal(2, pending.Count);
        Assert.Equal("2", pending.Take(1)[0].Text);
        Assert.True(pending.TryAdd("c", "1")); // room again
    }

    [Fact]
    public void Concurrent_writers_lose_no_item()
    {
        var pending = new PendingTexts(capacity: 100_000);
        Parallel.For(0, 8, w =>
        {
            for (var i = 0; i < 5_000; i++) pending.TryAdd($"item-{i}", $"writer {w}");
        });
        Assert.Equal(5_000, pending.Take(10_000).Select(p => p.ItemId).Distinct().Count());
    }

    [Fact]
    public void Capacity_must_be_positive()
    {
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => new PendingTexts(0)).ParamName);
    }
}
