using ContentGrains.Core.Events;
using ContentGrains.Core.Variants;

namespace ContentGrains.Core.Simulation;

/// <summary>One seeded run of a headline test over a fixed horizon of impressions.</summary>
public sealed record HeadlineRun(
    long Seed, double ThompsonRegret, double EqualSplitRegret, string? Declared, long? DeclaredAtImpression,
    string EqualSplitPick, IReadOnlyList<long> ThompsonImpressions);

/// <summary>
/// The headline bandit against an equal-split A/B test on a <see cref="PlantedHeadline"/>, both over the same horizon.
/// Thompson runs the engine's own code (<see cref="VariantTest"/>, <see cref="VariantPosteriors"/>): feeds pick from a
/// copy of the posteriors refreshed every <paramref name="refreshEvery"/> impressions (as a silo's cache lags the item
/// grain), the winner rule runs as in the item grain, and once a winner is declared only it is shown. Regret is expected
/// regret (the click probability given up on each impression), so it measures the policy, not the coin flips. The A/B
/// test shows every variant equally for the whole horizon and then picks the highest observed CTR.
/// </summary>
public sealed class HeadlineBanditSimulation(PlantedHeadline truth, VariantSettings settings, long horizon, int refreshEvery = 100)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public HeadlineRun Run(long seed)
    {
        var random = SimRandom.For(seed, Stream, 0);
        var (thompsonRegret, declared, declaredAt, shown) = RunThompson(seed, random);
        var (splitRegret, splitPick) = RunEqualSplit(random);
        return new HeadlineRun(seed, thompsonRegret, splitRegret, declared, declaredAt, splitPick, shown);
    }

    private (double Regret, string? Declared, long? At, long[] Shown) RunThompson(long seed, SimRandom random)
    {
        var itemId = $"sim-{seed}";
        var variants = Enumerable.Range(0, truth.Variants).Select(i => new HeadlineVariant(truth.VariantId(i), $"headline {i}", null, null)).ToList();
        var test = new VariantTest();
        test.Define(variants);
        var copy = Snapshot(itemId, variants, test);
        var regret = 0.0;
        long? declaredAt = null;
        var shown = new long[truth.Variants];
        for (long t = 0; t < horizon; t++)
        {
            var variant = variants.IndexOf(copy.Pick(settings.MinShare, random));
            shown[variant]++;
            regret += truth.Regret(variant);
            test.Apply(Event(t, variant, EventType.Impression));
            if (random.Chance(truth.ClickProbability(variant))) test.Apply(Event(t, variant, EventType.Click));
            if (declaredAt is null && test.CheckWinner(itemId, settings, Start)) declaredAt = t + 1;
            if ((t + 1) % refreshEvery == 0 || declaredAt == t + 1) copy = Snapshot(itemId, variants, test);
        }
        return (regret, test.Served, declaredAt, shown);
    }

    private (double Regret, string Pick) RunEqualSplit(SimRandom random)
    {
        var clicks = new long[truth.Variants];
        var regret = 0.0;
        for (long t = 0; t < horizon; t++)
        {
            var variant = (int)(t % truth.Variants);
            regret += truth.Regret(variant);
            if (random.Chance(truth.ClickProbability(variant))) clicks[variant]++;
        }
        var best = 0;
        for (var i = 1; i < clicks.Length; i++) if (clicks[i] > clicks[best]) best = i; // equal impressions: most clicks is highest CTR
        return (regret, truth.VariantId(best));
    }

    private VariantPosteriors Snapshot(string itemId, IReadOnlyList<HeadlineVariant> variants, VariantTest test) =>
        new(itemId, variants, test.Posteriors(settings), test.Served);

    private Interaction Event(long t, int variant, EventType type) =>
        new($"e{t}-{(int)type}", "sim", "item", type, Start, "web", 0, null, null, truth.VariantId(variant));

    public const ulong Stream = 102;
}
