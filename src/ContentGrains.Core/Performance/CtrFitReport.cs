namespace ContentGrains.Core.Performance;

/// <summary>
/// What a live CTR fit saw and how it did: rows (items with enough traffic), how they were split, the training mean,
/// the held-out score against that mean (null when the held-out items could not be scored), the importances, and each
/// creator's totals over the rows (the creator record a new item of theirs is predicted with).
/// </summary>
public sealed record CtrFitReport(
    DateTimeOffset FittedAt, string Method, int Rows, int TrainingItems, int HeldOutItems, double MeanCtr, CtrHeldOut? HeldOut,
    IReadOnlyList<FeatureImportance> Importances, IReadOnlyDictionary<string, CreatorHistory> Creators);

/// <summary>Per-impression log-loss and AUC on the held-out items: the model's and the training mean's (AUC 0.5).</summary>
public sealed record CtrHeldOut(int Items, double LogLoss, double Auc, double MeanLogLoss, double MeanAuc);
