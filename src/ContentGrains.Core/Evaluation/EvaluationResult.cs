namespace ContentGrains.Core.Evaluation;

/// <summary>
/// Metrics at cut-off <see cref="K"/>, averaged over <see cref="Users"/> users with held-out items; plus
/// <see cref="Coverage"/>, the share of the catalogue that appears in any user's top K, and
/// <see cref="AveragePopularity"/>, the mean training interaction count of the recommended items
/// (RecBole's ItemCoverage and AveragePopularity).
/// </summary>
public sealed record EvaluationResult(int K, int Users, MetricValues Metrics, double Coverage = 0, double AveragePopularity = 0)
{
    public override string ToString() =>
        $"@{K} over {Users} users: {Metrics}, Coverage {Coverage:F4}, AvgPop {AveragePopularity:F1}";
}
