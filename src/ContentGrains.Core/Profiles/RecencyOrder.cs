namespace ContentGrains.Core.Profiles;

/// <summary>
/// Items by the time they were last consumed, newest first (ties by item id): the feed's history order, kept one
/// change at a time instead of sorting the consumed set (up to 5,000 items) on every feed. Held as one sorted array of
/// (UTC ticks, id), oldest first, so that events arriving in time order append at the end: 16 bytes an item, where a
/// sorted tree's node took about 64 (every live profile holds one, so this is most of an idle grain's memory after its ids).
/// </summary>
public sealed class RecencyOrder
{
    // Ascending by time, then descending by id: read backwards it is newest first with ties by ascending id.
    private static readonly IComparer<(long Ticks, string ItemId)> OldestFirst = Comparer<(long Ticks, string ItemId)>.Create((a, b) =>
    {
        var byTime = a.Ticks.CompareTo(b.Ticks);
        return byTime != 0 ? byTime : string.CompareOrdinal(b.ItemId, a.ItemId);
    });

    private readonly List<(long Ticks, string ItemId)> order = [];

    public int Count => order.Count;

    public static RecencyOrder Of(IReadOnlyDictionary<string, DateTimeOffset> lastTimes)
    {
        var recency = new RecencyOrder();
        recency.order.Capacity = lastTimes.Count;
        foreach (var (itemId, at) in lastTimes) recency.order.Add((at.UtcTicks, itemId));
        recency.order.Sort(OldestFirst);
        return recency;
    }

    /// <summary>Moves an item from its previous time (null when new) to <paramref name="at"/>.</summary>
    public void Move(string itemId, DateTimeOffset? previous, DateTimeOffset at)
    {
        if (previous is { } p) Remove(itemId, p);
        var entry = (at.UtcTicks, itemId);
        var index = order.BinarySearch(entry, OldestFirst);
        if (index < 0) order.Insert(~index, entry);
    }

    public void Remove(string itemId, DateTimeOffset at)
    {
        var index = order.BinarySearch((at.UtcTicks, itemId), OldestFirst);
        if (index >= 0) order.RemoveAt(index);
    }

    /// <summary>The item consumed longest ago (default when there is none).</summary>
    public (DateTimeOffset At, string ItemId) Oldest =>
        order.Count == 0 ? default : (new DateTimeOffset(order[0].Ticks, TimeSpan.Zero), order[0].ItemId);

    /// <summary>Item ids, newest first.</summary>
    public IEnumerable<string> NewestFirstIds()
    {
        for (var i = order.Count - 1; i >= 0; i--) yield return order[i].ItemId;
    }
}
