namespace ContentGrains.Core.Catalog;

/// <summary>
/// The last <see cref="Capacity"/> changes of a catalog shard (version, item id), kept in memory, so a silo that knows
/// version v is sent only the items changed after v. A silo further behind than the log reaches, or one that knew
/// an earlier activation of the shard, gets the whole shard instead (<see cref="Since"/> answers null).
/// </summary>
public sealed class CatalogChangeLog
{
    private readonly List<(long Version, string ItemId)> changes = [];
    private long reachesBack; // a silo at this version or later can catch up from the log

    public CatalogChangeLog(int capacity, long currentVersion)
    {
        Capacity = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "the change log keeps at least one change");
        reachesBack = currentVersion;
    }

    public int Capacity { get; }
    public int Count => changes.Count;

    /// <summary>The oldest version a silo may hold and still catch up from the log.</summary>
    public long ReachesBack => reachesBack;

    /// <summary>Records that <paramref name="itemId"/> changed, making the shard <paramref name="version"/> (increasing).</summary>
    public void Record(long version, string itemId)
    {
        changes.Add((version, itemId));
        if (changes.Count <= 2 * Capacity) return;
        // Trim in bulk (amortised O(1) per change): forget all but the newest Capacity.
        var drop = changes.Count - Capacity;
        reachesBack = changes[drop - 1].Version;
        changes.RemoveRange(0, drop);
    }

    /// <summary>The distinct items changed after <paramref name="knownVersion"/>, or null when the log does not reach back that far.</summary>
    public IReadOnlyCollection<string>? Since(long knownVersion)
    {
        if (knownVersion < reachesBack) return null;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = FirstAfter(knownVersion); i < changes.Count; i++) ids.Add(changes[i].ItemId);
        return ids;
    }

    private int FirstAfter(long version)
    {
        int low = 0, high = changes.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (changes[mid].Version <= version) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}
