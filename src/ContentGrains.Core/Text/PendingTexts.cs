namespace ContentGrains.Core.Text;

/// <summary>
/// Item texts waiting to be encoded, bounded and coalescing: an item already waiting keeps its place and takes its
/// latest text (two quick edits cost one encoding), and a new item is refused once <see cref="Capacity"/> wait, so a
/// burst of writes can never grow memory without bound. Safe to use from many threads.
/// </summary>
public sealed class PendingTexts
{
    private readonly Dictionary<string, string?> texts = new(StringComparer.Ordinal);
    private readonly Queue<string> order = new();
    private readonly Lock gate = new();

    public PendingTexts(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count
    {
        get { lock (gate) return texts.Count; }
    }

    /// <summary>
    /// Queues the item's text (null: the item has no text any more). False when the queue is full and the item was not
    /// already waiting: the caller counts it as dropped.
    /// </summary>
    public bool TryAdd(string itemId, string? text)
    {
        lock (gate)
        {
            if (texts.ContainsKey(itemId))
            {
                texts[itemId] = text;
                return true;
            }
            if (texts.Count >= Capacity) return false;
            texts[itemId] = text;
            order.Enqueue(itemId);
            return true;
        }
    }

    /// <summary>Takes up to <paramref name="max"/> items, oldest first, each with its latest text.</summary>
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
}

/// <summary>An item and the text to encode for it; null when it has none (its stored vector is removed).</summary>
public sealed record PendingText(string ItemId, string? Text);
