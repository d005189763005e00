namespace ContentGrains.Core.Catalog;

/// <summary>
/// The top <see cref="Capacity"/> catalog slots by a key (highest first, ties by item id), kept up to date one
/// change at a time: O(log N) per change, never a sort of the catalog.
/// It stays exact through a floor: every slot left outside (evicted, or never admitted) ranks at or below the floor,
/// and every slot inside ranks above it. A key that drops below the floor leaves the list instead of staying in a
/// place it may not deserve, so after such changes the list can hold fewer than Capacity slots; the owner refills
/// it with <see cref="NeedsRebuild"/> and <see cref="Rebuild"/> (a scan, for changes that are rare: a tag removed
/// from an item, a publish time moved back). Popularity only grows, so its lists never need one.
/// Not thread-safe: one writer; readers use the arrays <see cref="Publish"/> hands out.
/// </summary>
public sealed class BoundedRanking(int capacity)
{
    private readonly SortedSet<RankKey> ordered = new(RankKey.BestFirst);
    private readonly Dictionary<int, RankKey> keyOf = [];
    private RankKey? floor; // the best-ranked key ever left outside; null while nothing was
    private int[] published = [];
    private bool changed;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a ranking holds at least one slot");
    public int Count => ordered.Count;

    /// <summary>True when removals left the list under half full while slots outside might now rank in it.</summary>
    public bool NeedsRebuild => floor is not null && ordered.Count < Capacity / 2;

    /// <summary>Puts a slot at its new key (or in for the first time).</summary>
    public void Set(int slot, double key, string itemId)
    {
        var next = new RankKey(key, itemId, slot);
        if (keyOf.TryGetValue(slot, out var old))
        {
            if (old.Equals(next)) return;
            Remove(slot);
        }
        if (floor is { } f && RankKey.BestFirst.Compare(next, f) >= 0) return; // ranks at or below the floor: stays outside
        ordered.Add(next);
        keyOf[slot] = next;
        changed = true;
        if (ordered.Count > Capacity) Evict();
    }

    /// <summary>Takes a slot out (its key no longer applies: a tag removed, a publish time dropped).</summary>
    public void Remove(int slot)
    {
        if (!keyOf.Remove(slot, out var old)) return;
        ordered.Remove(old);
        changed = true;
    }

    /// <summary>Starts over from every slot that belongs in the list: the rare full scan.</summary>
    public void Rebuild(IEnumerable<(int Slot, double Key, string ItemId)> all)
    {
        ordered.Clear();
        keyOf.Clear();
        floor = null;
        foreach (var (slot, key, itemId) in all) Set(slot, key, itemId);
        changed = true;
    }

    /// <summary>The slots best first; a new array only when something changed since the last call.</summary>
    public int[] Publish()
    {
        if (!changed) return published;
        var slots = new int[ordered.Count];
        var i = 0;
        foreach (var key in ordered) slots[i++] = key.Slot;
        published = slots;
        changed = false;
        return slots;
    }

    private void Evict()
    {
        var worst = ordered.Max;
        ordered.Remove(worst);
        keyOf.Remove(worst.Slot);
        floor = floor is { } f && RankKey.BestFirst.Compare(f, worst) < 0 ? f : worst;
    }
}

/// <summary>A slot's place in a ranking: higher key first, then item id in ordinal order.</summary>
public readonly record struct RankKey(double Key, string ItemId, int Slot)
{
    public static readonly IComparer<RankKey> BestFirst = Comparer<RankKey>.Create((a, b) =>
    {
        var byKey = b.Key.CompareTo(a.Key);
        if (byKey != 0) return byKey;
        var byId = string.CompareOrdinal(a.ItemId, b.ItemId);
        return byId != 0 ? byId : a.Slot.CompareTo(b.Slot);
    });
}
