using ContentGrains.Core.Candidates;
using ContentGrains.Core.Catalog;

namespace ContentGrains.Core.Reranking;

/// <summary>
/// Exploration: the last slots of a feed (of 5 or more) go to items with little exposure so far, so new items earn
/// the events that let the models judge them. The pick is uniform among the eligible entries of the catalog's
/// under-exposed list (bounded, kept by the catalog view: no scan of the catalog per feed), seeded by the person and
/// the hour, so a feed is stable while it is being read and still changes through the day.
/// </summary>
public static class ExplorationSlot
{
    public const int MinimumFeedLength = 5;

    public static List<int> Pick(CatalogSnapshot catalog, CandidatePool filter, IReadOnlySet<int> inFeed, string userId, DateTimeOffset now, int slots, long maxEvents)
    {
        var eligible = new List<int>();
        // The list is in item id order, not slot order (slots differ between silos), so silos whose lists agree pick
        // the same item for a person and hour.
        foreach (var entry in catalog.UnderExposed)
            if (catalog.Entries[entry].EventsApplied < maxEvents && !inFeed.Contains(entry) && filter.Allows(entry))
                eligible.Add(entry);

        var picked = new List<int>(slots);
        var random = new Random(Seed(userId, now));
        while (picked.Count < slots && eligible.Count > 0)
        {
            var at = random.Next(eligible.Count);
            picked.Add(eligible[at]);
            eligible[at] = eligible[^1];
            eligible.RemoveAt(eligible.Count - 1);
        }
        return picked;
    }

    /// <summary>FNV-1a of the user id and the hour: the same on every silo and every run, unlike string.GetHashCode.</summary>
    public static int Seed(string userId, DateTimeOffset now) => (int)Data.Fnv1a.Hash($"{userId}|{now.ToUnixTimeSeconds() / 3600}");
}
