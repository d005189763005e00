using ContentGrains.Core.Catalog;
using ContentGrains.Core.Rules;

namespace ContentGrains.Core.Candidates;

/// <summary>
/// Association rules as a source: the consequents of the rules whose antecedent is one of the person's most recent
/// items or a pair of them ("people who read X also read Y"). Bounded per request by
/// <c>recentItems² / 2 + recentItems</c> dictionary probes of at most <c>perAntecedent</c> rules each, whatever the
/// catalog's size.
/// </summary>
public static class RuleCandidates
{
    public static void Collect(RuleBook rules, CatalogSnapshot catalog, IReadOnlyList<string> history, int recentItems, int perAntecedent, CandidatePool pool)
    {
        if (recentItems <= 0 || perAntecedent <= 0) return;
        foreach (var (itemId, becauseOf, _) in rules.Consequents(history, recentItems, perAntecedent))
        {
            var entry = catalog.IndexOf(itemId);
            if (entry >= 0) pool.Add(entry, becauseOf);
        }
    }
}
