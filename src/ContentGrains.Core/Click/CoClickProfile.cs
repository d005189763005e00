namespace ContentGrains.Core.Click;

/// <summary>
/// For each item, which items its clickers had engaged with before they clicked it; and how often each item appears in
/// people's histories overall. From these, <see cref="Score"/> says how much a person's history looks like the
/// histories of an item's earlier clickers: the mean over the person's items h of
/// max(0, log((n(h | clicked) + α·P(h)) / (clicks + α) / P(h))): the naive-Bayes lift of the items that point towards
/// the item (a pairing never seen says little in a sparse log, so it does not count against); 0 when nothing points.
/// </summary>
public sealed class CoClickProfile
{
    /// <summary>Pseudo-clicks pulling an item with few clickers towards "no lift".</summary>
    public const double Smoothing = 1;

    private readonly Dictionary<string, Dictionary<string, int>> clickerHistories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> clicks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> historyFrequency = new(StringComparer.Ordinal);
    private int people;

    /// <summary>A person seen for the first time, with the items they had engaged with before.</summary>
    public void AddPerson(IEnumerable<string> history)
    {
        people++;
        foreach (var item in history.Distinct())
            historyFrequency[item] = historyFrequency.GetValueOrDefault(item) + 1;
    }

    /// <summary>A click on <paramref name="item"/> by a person whose history (before the click) is <paramref name="history"/>.</summary>
    public void AddClick(string item, IEnumerable<string> history)
    {
        clicks[item] = clicks.GetValueOrDefault(item) + 1;
        if (!clickerHistories.TryGetValue(item, out var profile))
            profile = clickerHistories[item] = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var h in history.Distinct())
            profile[h] = profile.GetValueOrDefault(h) + 1;
    }

    /// <summary>The lift of <paramref name="item"/> for a person with <paramref name="history"/>; null for an empty history.</summary>
    public float? Score(string item, IReadOnlyCollection<string> history)
    {
        if (history.Count == 0 || people == 0) return null;
        clickerHistories.TryGetValue(item, out var profile);
        var itemClicks = clicks.GetValueOrDefault(item);
        double sum = 0;
        var counted = 0;
        foreach (var h in history)
        {
            var frequency = historyFrequency.GetValueOrDefault(h);
            if (frequency == 0) continue;
            var prior = (double)frequency / people;
            var given = ((profile?.GetValueOrDefault(h) ?? 0) + Smoothing * prior) / (itemClicks + Smoothing);
            sum += Math.Max(0, Math.Log(given / prior)); // only evidence for: an unseen pairing says little in a sparse log
            counted++;
        }
        return counted == 0 ? 0 : (float)(sum / counted);
    }
}
