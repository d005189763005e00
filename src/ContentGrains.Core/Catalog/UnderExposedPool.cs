namespace ContentGrains.Core.Catalog;

/// <summary>
/// Up to <see cref="Capacity"/> catalog slots with fewer than <see cref="MaxEvents"/> events, for the exploration
/// slot: the most recently arrived ones first (a new item enters at once, pushing out the longest-waiting one), topped
/// up by a bounded scan of the catalog when items leave it (they earned their events). Exploration then picks among
/// these instead of scanning the catalog on every feed. Not thread-safe: one writer; readers use <see cref="Publish"/>.
/// </summary>
public sealed class UnderExposedPool(int capacity, long maxEvents)
{
    private readonly HashSet<int> members = [];
    private readonly Queue<int> arrival = new(); // oldest first; may hold slots that left (skipped when reached)
    private int[] published = [];
    private bool changed;
    private int scanCursor;

    public int Capacity { get; } = capacity;
    public long MaxEvents { get; } = maxEvents;
    public int Count => members.Count;

    /// <summary>Follows one slot's change: in when new and under-exposed, out once it has enough events.</summary>
    public void Update(int slot, long eventsApplied, bool isNew)
    {
        if (eventsApplied >= MaxEvents)
        {
            if (members.Remove(slot)) changed = true;
            return;
        }
        if (!isNew || members.Contains(slot) || Capacity <= 0) return;
        if (members.Count >= Capacity) EvictOldest();
        Admit(slot);
    }

    /// <summary>
    /// Fills free places from slots not in the pool, looking at most <paramref name="budget"/> slots from where the
    /// last scan stopped (wrapping around), so the cost per refresh is bounded whatever the catalog's size.
    /// </summary>
    public void TopUp(IReadOnlyList<CatalogEntry> slots, int budget)
    {
        for (var looked = 0; looked < budget && looked < slots.Count && members.Count < Capacity; looked++)
        {
            if (scanCursor >= slots.Count) scanCursor = 0;
            var slot = scanCursor++;
            if (slots[slot].EventsApplied < MaxEvents && !members.Contains(slot)) Admit(slot);
        }
    }

    public int[] Publish()
    {
        if (!changed) return published;
        published = [.. members];
        changed = false;
        return published;
    }

    private void Admit(int slot)
    {
        members.Add(slot);
        arrival.Enqueue(slot);
        changed = true;
        if (arrival.Count > 2 * Capacity + 16) DropDeparted();
    }

    /// <summary>Forgets slots that left the pool but still wait in the arrival queue, keeping their order.</summary>
    private void DropDeparted()
    {
        var kept = arrival.Where(members.Contains).Distinct().ToList();
        arrival.Clear();
        foreach (var slot in kept) arrival.Enqueue(slot);
    }

    private void EvictOldest()
    {
        while (arrival.TryDequeue(out var oldest))
            if (members.Remove(oldest)) return;
    }
}
