namespace ContentGrains.Core.Rules;

/// <summary>
/// The served rules, indexed by antecedent: "people who read X also read Y" for one item, and the consequents of
/// a person's most recent items and pairs of them for the feed. A lookup is a dictionary probe, so its cost does not
/// grow with the catalog or the number of rules.
/// </summary>
public sealed class RuleBook
{
    private readonly Dictionary<string, List<RuleView>> byAntecedent = new(StringComparer.Ordinal);

    public RuleBook(MinedRules rules, long version)
    {
        Rules = rules;
        Version = version;
        foreach (var rule in rules.Rules.Where(r => r.Then.Count == 1))
        {
            var key = KeyOf(rule.If);
            if (!byAntecedent.TryGetValue(key, out var list)) byAntecedent[key] = list = [];
            list.Add(rule);
        }
        foreach (var list in byAntecedent.Values)
            list.Sort((a, b) => b.Confidence != a.Confidence ? b.Confidence.CompareTo(a.Confidence) : b.Lift.CompareTo(a.Lift));
    }

    public MinedRules Rules { get; }

    public long Version { get; }

    /// <summary>The strongest rules "X ⇒ Y" for one item X, at most <paramref name="count"/>.</summary>
    public IReadOnlyList<RuleView> Also(string itemId, int count) =>
        byAntecedent.TryGetValue(KeyOf([itemId]), out var list) ? list.Take(count).ToList() : [];

    /// <summary>
    /// Consequents for a person whose most recent items come first in <paramref name="history"/>: the rules of each of
    /// the first <paramref name="recentItems"/> items and of each pair of them, at most <paramref name="perAntecedent"/>
    /// each, yielded with the antecedent's first item (the reason). At most recentItems² / 2 + recentItems probes.
    /// </summary>
    public IEnumerable<(string ItemId, string BecauseOf, RuleView Rule)> Consequents(IReadOnlyList<string> history, int recentItems, int perAntecedent)
    {
        var recent = history.Take(recentItems).Distinct(StringComparer.Ordinal).ToList();
        for (var i = 0; i < recent.Count; i++)
        {
            foreach (var rule in Lookup([recent[i]], perAntecedent)) yield return (rule.Then[0], recent[i], rule);
            for (var j = i + 1; j < recent.Count; j++)
                foreach (var rule in Lookup([recent[i], recent[j]], perAntecedent)) yield return (rule.Then[0], recent[i], rule);
        }
    }

    private IEnumerable<RuleView> Lookup(string[] antecedent, int take) =>
        byAntecedent.TryGetValue(KeyOf(antecedent), out var list) ? list.Take(take) : [];

    private static string KeyOf(IEnumerable<string> items) => string.Join('\u001f', items.Order(StringComparer.Ordinal));
}
