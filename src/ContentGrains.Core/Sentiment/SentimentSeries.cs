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

    /// <summary>Counts the comments into their windows; returns the starts of the windows that changed, oldest first.</summary>
    public IReadOnlyList<DateTimeOffset> Add(IEnumerable<ScoredComment> comments)
    {
        var changed = new SortedSet<DateTimeOffset>();
        foreach (var comment in comments)
        {
            var start = WindowStart(comment.At);
            var index = Windows.BinarySearch(new SentimentWindow(start, 0, 0), ByStart);
            if (index < 0)
            {
                if (Windows.Count >= Capacity && ~index == 0) continue; // older than everything kept: its window is gone
                Windows.Insert(index = ~index, new SentimentWindow(start, 0, 0));
            }
            var w = Windows[index];
            Windows[index] = comment.Positive ? w with { Positive = w.Positive + 1 } : w with { Negative = w.Negative + 1 };
            changed.Add(start);
        }
        Trim();
        return changed.Where(start => Windows.BinarySearch(new SentimentWindow(start, 0, 0), ByStart) >= 0).ToList();
    }

    /// <summary>
    /// Runs <paramref name="detector"/> on each changed window against the windows before it; returns the new alerts and
    /// remembers their windows. A window is checked while it fills, so a spike alerts within its own window.
    /// </summary>
    public List<SentimentAlert> Check(string key, NegativeSpikeDetector detector, IEnumerable<DateTimeOffset> changed)
    {
        var alerts = new List<SentimentAlert>();
        foreach (var start in changed)
        {
            if (Alerted.Contains(start)) continue;
            var index = Windows.FindIndex(w => w.Start == start);
            if (index < 0 || detector.Check(key, Windows.GetRange(0, index), Windows[index]) is not { } alert) continue;
            Alerted.Add(start);
            alerts.Add(alert);
        }
        Alerted.RemoveAll(start => Windows.Count > 0 && start < Windows[0].Start);
        return alerts;
    }

    private void Trim()
    {
        if (Windows.Count > Capacity) Windows.RemoveRange(0, Windows.Count - Capacity);
    }

    private static readonly Comparer<SentimentWindow> ByStart = Comparer<SentimentWindow>.Create((a, b) => a.Start.CompareTo(b.Start));
}
