namespace ContentGrains.Core.Variants;

/// <summary>How a headline test explores and when it declares a winner.</summary>
public sealed record VariantSettings
{
    /// <summary>Each variant's least share of impressions while the test runs: that share of picks is uniform over the variants.</summary>
    public double MinShare { get; init; } = 0.05;
    /// <summary>A winner needs at least this posterior probability of being the best…</summary>
    public double WinProbability { get; init; } = 0.95;
    /// <summary>…and every variant at least this many impressions, so an early lucky streak does not end the test.</summary>
    public long MinImpressionsPerVariant { get; init; } = 1_000;
    /// <summary>Optional: the winner's expected loss (expected CTR given up if it is not the best) must be at most this.</summary>
    public double? MaxExpectedLoss { get; init; }
    /// <summary>Monte Carlo draws per variant when P(best) and expected loss are estimated.</summary>
    public int Draws { get; init; } = 4_000;
    /// <summary>The winner rule runs once this many impressions arrived since it last ran (it costs Draws × variants Beta draws).</summary>
    public long CheckEveryImpressions { get; init; } = 500;
    /// <summary>The Beta prior of every variant's CTR: Beta(PriorClicks, PriorMisses); 1, 1 is uniform.</summary>
    public double PriorClicks { get; init; } = 1;
    public double PriorMisses { get; init; } = 1;

    /// <summary>The field that is out of range and why, or null.</summary>
    public (string Field, string Reason)? Problem() =>
        MinShare is < 0 or > 1 || double.IsNaN(MinShare) ? (nameof(MinShare), "must be between 0 and 1")
        : WinProbability is <= 0.5 or > 1 || double.IsNaN(WinProbability) ? (nameof(WinProbability), "must be above 0.5 and at most 1")
        : MinImpressionsPerVariant < 0 ? (nameof(MinImpressionsPerVariant), "must be at least 0")
        : MaxExpectedLoss is < 0 ? (nameof(MaxExpectedLoss), "must be at least 0")
        : Draws < 100 ? (nameof(Draws), "must be at least 100")
        : CheckEveryImpressions < 1 ? (nameof(CheckEveryImpressions), "must be at least 1")
        : PriorClicks <= 0 || PriorMisses <= 0 ? (nameof(PriorClicks), "the prior's clicks and misses must be above 0")
        : null;
}
