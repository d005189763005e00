namespace ContentGrains.Core.Evaluation;

/// <summary>Metrics at cut-off <see cref="K"/>, averaged over <see cref="Users"/> users with held-out items.</summary>
public sealed record EvaluationResult(int K, int Users, MetricValues Metrics)
{
    public override string ToString() => $"@{K} over {Users} users: {Metrics}";
}
