namespace ContentGrains.Core.Registry;

/// <summary>
/// Held-out metrics of a model version. Retrieval: NDCG@10 and Recall@10 over <see cref="HeldOutUsers"/> users' latest
/// positive. The click model's slots (AUC, log-loss, group AUC) stay null until a click model part fills them.
/// </summary>
public sealed record VersionMetrics(
    double? Ndcg10,
    double? Recall10,
    int HeldOutUsers,
    double? Auc = null,
    double? LogLoss = null,
    double? GroupAuc = null)
{
    public static readonly VersionMetrics None = new(null, null, 0);
}
