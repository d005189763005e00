namespace ContentGrains.Core.Sentiment;

/// <summary>
/// One series' sentiment over time (an item's, a tag's, a topic's): positive and negative counts per fixed window
/// (windows start at multiples of <see cref="WindowLength"/> since the Unix epoch, so every series and every silo
/// agrees on them), at most <see cref="Capacity"/> windows (the oldest dropped), and the windows already alerted, so a
/// window alerts at most once. The windows and alerted starts are plain lists so that grain storage can keep them.
/// </summary>
public sealed class SentimentSeries(TimeSpan windowLength, int capacity, List<SentimentWindow>? windows = null, List<DateTimeOffset>? alerted = null)
{
    public TimeSpan WindowLength { get; } = windowLength > TimeSpan.Zero ? windowLength
        : throw new ArgumentOutOfRangeException(nameof(windowLength), "the window length must be above zero");
    public int Capacity { get; } = capacity >= 2 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), "must be at least 2");

    /// <summary>Oldest first.</summary>
    public List<SentimentWindow> Windows { get; } = windows ?? [];
    public List<DateTimeOffset> Alerted { get; } = alerted ?? [];

    public DateTimeOffset WindowStart(DateTimeOffset at)
    {
        var ticks = at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return DateTimeOffset.UnixEpoch.AddTicks(ticks - (((ticks % WindowLength.Ticks) + WindowLength.Ticks) % WindowLength.Ticks));
    }

    /// <summary>
    /// Counts the comments into their windows; returns each changed window with its count before this call (oldest
    /// first), and, with <see cref="WindowChange.Closed"/>, the window a new later window closed.
    /// </summary>
    public IReadOnlyList<WindowChange> Add(IEnumerable<ScoredComment> comments)
    {
        var before = new SortedDictionary<DateTimeOffset, int>();
        var closed = new HashSet<DateTimeOffset>();
        foreach (var comment in comments)
        {
            var start = WindowStart(comment.At);
            var index = Windows.BinarySearch(new SentimentWindow(start, 0, 0), ByStart);
            if (index < 0)
            {
                if (Windows.Count >= Capacity && ~index == 0) continue; // older than everything kept: its window is gone
                Windows.Insert(index = ~index, new SentimentWindow(start, 0, 0));
                if (index > 0 && index == Windows.Count - 1) closed.Add(Windows[index - 1].Start);
            }
            var w = Windows[index];
            before.TryAdd(start, w.Total);
            Windows[index] = comment.Positive ? w with { Positive = w.Positive + 1 } : w with { Negative = w.Negative + 1 };
        }
        Trim();
        var kept = Windows.Count == 0 ? DateTimeOffset.MaxValue : Windows[0].Start;
        return closed.Where(start => !before.ContainsKey(start)).Select(start => new WindowChange(start, -1, true))
            .Concat(before.Select(kv => new WindowChange(kv.Key, kv.Value, closed.Contains(kv.Key))))
            .Where(c => c.Start >= kept).OrderBy(c => c.Start).ToList();
    }

    /// <summary>
    /// Runs <paramref name="detector"/> on the changed windows that are due, each against the windows before it; returns
    /// the new alerts and remembers their windows. A window is due when its count reaches MinCount × 2^k (10, 20, 40, …
    /// comments) and when a later window closes it, so it is looked at a few times while it fills (a spike alerts within
    /// its own window, often hours in) rather than after every comment, which would multiply the false alarms.
    /// </summary>
    public List<SentimentAlert> Check(string key, NegativeSpikeDetector detector, IEnumerable<WindowChange> changes)
    {
        var alerts = new List<SentimentAlert>();
        foreach (var change in changes)
        {
            if (Alerted.Contains(change.Start)) continue;
            var index = Windows.FindIndex(w => w.Start == change.Start);
            if (index < 0 || !(change.Closed || ReachedCheckpoint(change.TotalBefore, Windows[index].Total, detector.MinCount))) continue;
            if (detector.Check(key, Windows.GetRange(0, index), Windows[index]) is not { } alert) continue;
            Alerted.Add(change.Start);
            alerts.Add(alert);
        }
        Alerted.RemoveAll(start => Windows.Count > 0 && start < Windows[0].Start);
        return alerts;
    }

    /// <summary>Whether a count went from <paramref name="before"/> to <paramref name="after"/> across MinCount × 2^k for some k ≥ 0.</summary>
    public static bool ReachedCheckpoint(int before, int after, int minCount)
    {
        for (long checkpoint = Math.Max(1, minCount); checkpoint <= after; checkpoint *= 2)
            if (checkpoint > before) return true;
        return false;
    }

    private void Trim()
    {
        if (Windows.Count > Capacity) Windows.RemoveRange(0, Windows.Count - Capacity);
    }

    private static readonly Comparer<SentimentWindow> ByStart = Comparer<SentimentWindow>.Create((a, b) => a.Start.CompareTo(b.Start));
}

/// <summary>A window one <see cref="SentimentSeries.Add"/> changed: its count before (−1 when only closed) and whether a later window closed it.</summary>
public sealed record WindowChange(DateTimeOffset Start, int TotalBefore, bool Closed = false);
