namespace ContentGrains.Core.Profiles;

/// <summary>
/// Items by the time they were last consumed, newest first (ties by item id): the feed's history order, kept one
/// change at a time (O(log n)) instead of sorting the consumed set (up to 5,000 items) on every feed.
/// </summary>
public sealed class RecencyOrder
{
    private static readonly IComparer<(DateTimeOffset At, string ItemId)> NewestFirst = Comparer<(DateTimeOffset At, string ItemId)>.Create((a, b) =>
    {
        var byTime = b.At.CompareTo(a.At);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.ItemId, b.ItemId);
    });

    private readonly SortedSet<(DateTimeOffset At, string ItemId)> order = new(NewestFirst);

    public int Count => order.Count;

    public static RecencyOrder Of(IReadOnlyDictionary<string, DateTimeOffset> lastTimes)
    {
        var recency = new RecencyOrder();
        foreach (var (itemId, at) in lastTimes) recency.order.Add((at, itemId));
        return recency;
    }

    /// <summary>Moves an item from its previous time (null when new) to <paramref name="at"/>.</summary>
    public void Move(string itemId, DateTimeOffset? previous, DateTimeOffset at)
    {
        if (previous is { } p) order.Remove((p, itemId));
        order.Add((at, itemId));
    }

    public void Remove(string itemId, DateTimeOffset at) => order.Remove((at, itemId));

    /// <summary>The item consumed longest ago.</summary>
    public (DateTimeOffset At, string ItemId) Oldest => order.Max;

    /// <summary>Item ids, newest first.</summary>
    public IEnumerable<string> NewestFirstIds()
    {
        foreach (var (_, itemId) in order) yield return itemId;
    }
}
