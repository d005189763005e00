using ContentGrains.Core.Data;
using ContentGrains.Core.Events;
using ContentGrains.Core.Simulation;

namespace ContentGrains.Core.Variants;

/// <summary>
/// One item's headline test: each variant's impressions and clicks (from events that name the variant), the state, and
/// the variant served once a winner is declared or an operator stops it. Plain data so grain storage can snapshot it;
/// the item grain owns it. Monte Carlo seeds come from the item id and the impressions so far, so a report is repeatable.
/// </summary>
public sealed class VariantTest
{
    public List<VariantCount> Counts { get; set; } = [];
    public VariantTestState State { get; set; }
    public string? Served { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>Total impressions when the winner rule last ran.</summary>
    public long CheckedAtImpressions { get; set; }

    public long TotalImpressions => Counts.Sum(c => c.Impressions);

    /// <summary>
    /// Takes the item's (new) variant list: counts of variants that stay are kept, new ones start at zero, removed ones go.
    /// A test whose served variant was removed runs again; an empty list ends the test.
    /// </summary>
    public void Define(IReadOnlyList<HeadlineVariant> variants)
    {
        Counts = variants.Select(v => Counts.Find(c => c.Id == v.Id) ?? new VariantCount { Id = v.Id }).ToList();
        if (Served is not null && Counts.TrueForAll(c => c.Id != Served)) Reopen();
        if (Counts.Count == 0) Reopen();
    }

    /// <summary>Counts an impression or click that names one of the variants; true when a count changed.</summary>
    public bool Apply(Interaction e)
    {
        if (e.Variant is null || e.Type is not (EventType.Impression or EventType.Click)) return false;
        var count = Counts.Find(c => c.Id == e.Variant);
        if (count is null) return false;
        if (e.Type == EventType.Impression) count.Impressions++;
        else count.Clicks++;
        return true;
    }

    public IReadOnlyList<BetaPosterior> Posteriors(VariantSettings settings) =>
        Counts.Select(c => BetaPosterior.From(c.Impressions, c.Clicks, settings.PriorClicks, settings.PriorMisses)).ToList();

    /// <summary>
    /// Runs the winner rule when the test is running and <see cref="VariantSettings.CheckEveryImpressions"/> arrived since
    /// it last ran: P(best) ≥ WinProbability, every variant with MinImpressionsPerVariant, and (optional) expected loss at
    /// most MaxExpectedLoss. True when it declared a winner.
    /// </summary>
    public bool CheckWinner(string itemId, VariantSettings settings, DateTimeOffset now)
    {
        var total = TotalImpressions;
        if (State != VariantTestState.Running || Counts.Count < 2 || total - CheckedAtImpressions < settings.CheckEveryImpressions) return false;
        CheckedAtImpressions = total;
        if (Counts.Exists(c => c.Impressions < settings.MinImpressionsPerVariant)) return false;
        var comparison = Compare(itemId, settings);
        var leader = comparison.Leader();
        if (comparison.ProbabilityBest[leader] < settings.WinProbability) return false;
        if (settings.MaxExpectedLoss is { } maxLoss && comparison.ExpectedLoss[leader] > maxLoss) return false;
        Decide(VariantTestState.WinnerDeclared, Counts[leader].Id, now);
        return true;
    }

    /// <summary>Ends the test: feeds serve <paramref name="pin"/>, or the current leader. Null when the pin is not a variant.</summary>
    public string? Stop(string itemId, string? pin, VariantSettings settings, DateTimeOffset now)
    {
        if (Counts.Count == 0) return null;
        var served = pin ?? (State == VariantTestState.WinnerDeclared ? Served! : Counts[Compare(itemId, settings).Leader()].Id);
        if (Counts.TrueForAll(c => c.Id != served)) return null;
        Decide(VariantTestState.Stopped, served, now);
        return served;
    }

    public VariantReport Report(string itemId, IReadOnlyList<HeadlineVariant> variants, VariantSettings settings)
    {
        var posteriors = Posteriors(settings);
        var comparison = Compare(itemId, settings);
        var standings = Counts.Select((c, i) =>
        {
            var (low, high) = posteriors[i].Interval();
            return new VariantStanding(variants.First(v => v.Id == c.Id), c.Impressions, c.Clicks, posteriors[i].Mean, low, high,
                comparison.ProbabilityBest[i], comparison.ExpectedLoss[i]);
        }).ToList();
        return new VariantReport(State, Served, DecidedAt, standings);
    }

    public PosteriorComparison Compare(string itemId, VariantSettings settings) =>
        PosteriorComparison.Estimate(Posteriors(settings), settings.Draws, SimRandom.For(Fnv1a.Hash(itemId), Stream, TotalImpressions));

    private void Decide(VariantTestState state, string served, DateTimeOffset now) => (State, Served, DecidedAt) = (state, served, now);

    private void Reopen() => (State, Served, DecidedAt, CheckedAtImpressions) = (VariantTestState.Running, null, null, 0);

    /// <summary>The <see cref="SimRandom"/> stream purpose of headline tests (beside SimRandom.Streams' constants).</summary>
    public const ulong Stream = 101;
}
