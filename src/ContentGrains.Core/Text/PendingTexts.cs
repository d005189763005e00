namespace ContentGrains.Core.Text;

/// <summary>
/// Items waiting for their text vector, oldest first, each with its latest text; an item stored twice while waiting is
/// encoded once. Two tiers with stated bounds: up to <see cref="Capacity"/> items with their texts (MiniLM reads at most
/// a few thousand characters of each), then up to <see cref="DeferredCapacity"/> item ids alone (about 100 bytes each:
/// 100 MB at a million), whose texts the worker fetches from the item when their turn comes. So a bulk import of a
/// large catalog waits its turn instead of losing its vectors; only beyond both bounds is an item refused. Safe to use
/// from many threads.
/// </summary>
public sealed class PendingTexts
{
    private readonly Dictionary<string, string?> texts = new(StringComparer.Ordinal);
    private readonly Queue<string> order = new();
    private readonly HashSet<string> deferred = new(StringComparer.Ordinal);
    private readonly Queue<string> deferredOrder = new(); // may hold ids that left the set; skipped when taken
    private readonly Lock gate = new();

    public PendingTexts(int capacity, int deferredCapacity = 1_000_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(deferredCapacity);
        Capacity = capacity;
        DeferredCapacity = deferredCapacity;
    }

    public int Capacity { get; }
    public int DeferredCapacity { get; }

    /// <summary>Items waiting with their text.</summary>
    public int Count
    {
        get { lock (gate) return texts.Count; }
    }

    /// <summary>Items waiting as ids alone.</summary>
    public int DeferredCount
    {
        get { lock (gate) return deferred.Count; }
    }

    /// <summary>
    /// Queues the item's text (null: the item has no text any more): with its text while there is room, else as its id
    /// alone, else refused (the caller counts it as dropped).
    /// </summary>
    public PendingOutcome TryAdd(string itemId, string? text)
    {
        lock (gate)
        {
            if (texts.ContainsKey(itemId))
            {
                texts[itemId] = text;
                return PendingOutcome.Queued;
            }
            if (texts.Count < Capacity)
            {
                deferred.Remove(itemId); // its text is here now
                texts[itemId] = text;
                order.Enqueue(itemId);
                return PendingOutcome.Queued;
            }
            if (deferred.Contains(itemId)) return PendingOutcome.Deferred;
            if (deferred.Count >= DeferredCapacity) return PendingOutcome.Dropped;
            deferred.Add(itemId);
            deferredOrder.Enqueue(itemId);
            return PendingOutcome.Deferred;
        }
    }

    /// <summary>Takes up to <paramref name="max"/> items with their texts, oldest first, each with its latest text.</summary>
    public IReadOnlyList<PendingText> Take(int max)
    {
        lock (gate)
        {
            var taken = new List<PendingText>(Math.Min(max, order.Count));
            while (taken.Count < max && order.TryDequeue(out var itemId))
            {
                taken.Add(new PendingText(itemId, texts[itemId]));
                texts.Remove(itemId);
            }
            return taken;
        }
    }

    /// <summary>Takes up to <paramref name="max"/> ids of items whose text must be fetched, oldest first.</summary>
    public IReadOnlyList<string> TakeDeferred(int max)
    {
        lock (gate)
        {
            var taken = new List<string>(Math.Min(max, deferred.Count));
            while (taken.Count < max && deferredOrder.TryDequeue(out var itemId))
                if (deferred.Remove(itemId)) taken.Add(itemId);
            return taken;
        }
    }
}

/// <summary>What <see cref="PendingTexts.TryAdd"/> did with an item.</summary>
public enum PendingOutcome { Queued, Deferred, Dropped }

/// <summary>An item and the text to encode for it; null when it has none (its stored vector is removed).</summary>
public sealed record PendingText(string ItemId, string? Text);
