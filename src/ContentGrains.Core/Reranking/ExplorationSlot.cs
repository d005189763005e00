using ContentGrains.Core.Candidates;
using ContentGrains.Core.Catalog;

namespace ContentGrains.Core.Reranking;

/// <summary>
/// Exploration: the last slots of a feed (of 5 or more) go to items with little exposure so far, so new items earn
/// the events that let the models judge them. The pick is uniform among the eligible entries of the catalog's
/// under-exposed list (bounded, kept by the catalog view: no scan of the catalog per feed), seeded by the person and
/// the hour, so a feed is stable while it is being read and still changes through the day.
/// </summary>
/// <remarks>
/// The list holds up to 1,000 entries and checking one reads its catalog entry (a cache miss each, scattered in
/// memory), so the pick draws random positions and takes the first eligible one it has not taken yet (rejection
/// sampling: uniform among the eligible, a couple of checks when most of the list is eligible, as it usually is).
/// After <see cref="DrawsPerSlot"/> draws without a pick the filter evidently refuses most of the list, and the rest of
/// the slots are drawn from the eligible entries found by one scan: uniform among them too.
/// </remarks>
public static class ExplorationSlot
{
    public const int MinimumFeedLength = 5;
    public const int DrawsPerSlot = 32;

    public static List<int> Pick(CatalogSnapshot catalog, CandidatePool filter, IReadOnlySet<int> inFeed, string userId, DateTimeOffset now, int slots, long maxEvents)
    {
        var picked = new List<int>(Math.Max(slots, 0));
        // The list is in item id order, not slot order (slots differ between silos), so silos whose lists agree pick
        // the same item for a person and hour.
        var list = catalog.UnderExposed;
        if (slots <= 0 || list.Length == 0) return picked;
        var random = new Random(Seed(userId, now));
        bool Eligible(int entry) => !picked.Contains(entry) && catalog.Entries[entry].EventsApplied < maxEvents && !inFeed.Contains(entry) && filter.Allows(entry);
        for (var draws = 0; picked.Count < slots && draws < DrawsPerSlot * slots; draws++)
            if (list[random.Next(list.Length)] is var entry && Eligible(entry)) picked.Add(entry);
        if (picked.Count == slots) return picked;

        // A loop, not Where: a delegate of Eligible would make its captures a heap closure on every feed, fallback or not.
        var eligible = new List<int>();
        foreach (var entry in list)
            if (Eligible(entry)) eligible.Add(entry);
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
    /// <remarks>The text "{userId}|{hour}" hashed where it is written, on the stack for ids up to 256 characters: no string per feed.</remarks>
    public static int Seed(string userId, DateTimeOffset now)
    {
        var length = userId.Length + 1 + 20; // a long has at most 20 characters
        Span<char> text = length <= 277 ? stackalloc char[277] : new char[length];
        userId.CopyTo(text);
        text[userId.Length] = '|';
        (now.ToUnixTimeSeconds() / 3600).TryFormat(text[(userId.Length + 1)..], out var written); // the current culture, as the interpolation used
        return (int)Data.Fnv1a.Hash(text[..(userId.Length + 1 + written)]);
    }
}
