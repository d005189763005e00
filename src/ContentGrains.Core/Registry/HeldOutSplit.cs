using ContentGrains.Core.Data;

namespace ContentGrains.Core.Registry;

/// <summary>One held-out positive: the user's latest item, and the items they had besides it (the history a model scores from).</summary>
public sealed record HeldOutEvent(string UserId, string ItemId, IReadOnlyList<string> History);

/// <summary>
/// Splits a training set for the gate: for up to <c>maxUsers</c> users (seeded sample) with at least <c>minPositives</c>
/// items, their latest positive in time is held out of training. Ids, not indices, so the champion (trained on other
/// indices) is judged on the very same events.
/// </summary>
public sealed record HeldOutSplit(InteractionSet Train, IReadOnlyList<HeldOutEvent> Events)
{
    public static HeldOutSplit From(TrainingSetBuilder builder, InteractionSet all, int maxUsers, int minPositives, int seed)
    {
        var latest = builder.LatestPositiveItems();
        var eligible = Enumerable.Range(0, all.UserCount)
            .Where(u => all.CountOf(u) >= minPositives && latest[u] >= 0 && all.Contains(u, latest[u]))
            .ToArray();
        new Random(seed).Shuffle(eligible);
        var chosen = eligible.Take(Math.Max(0, maxUsers)).Order().ToArray();
        if (chosen.Length == 0) return new HeldOutSplit(all, []);

        var heldOut = chosen.ToDictionary(u => u, u => latest[u]);
        var events = chosen.Select(u => new HeldOutEvent(
            builder.Users.IdOf(u), builder.Items.IdOf(latest[u]),
            All(all, u).Where(i => i != latest[u]).Select(builder.Items.IdOf).ToList())).ToList();
        var pairs = Enumerable.Range(0, all.UserCount)
            .SelectMany(u => All(all, u).Where(i => !heldOut.TryGetValue(u, out var h) || h != i).Select(i => (u, i)));
        return new HeldOutSplit(InteractionSet.FromPairs(all.UserCount, all.ItemCount, pairs), events);
    }

    private static int[] All(InteractionSet set, int user) => set.ItemsOf(user).ToArray();
}
