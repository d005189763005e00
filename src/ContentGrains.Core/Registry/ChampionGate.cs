namespace ContentGrains.Core.Registry;

/// <summary>The gate's verdict on a candidate, with a reason an operator can read.</summary>
public sealed record GateDecision(bool Accepted, string Reason);

/// <summary>
/// Lets a candidate become champion only if no held-out metric is worse than the champion's (judged on the same
/// held-out events) by more than <paramref name="tolerance"/> (absolute). Without a champion, or without metrics on
/// either side, there is nothing to compare and the candidate passes, saying why.
/// </summary>
public sealed class ChampionGate(double tolerance)
{
    public double Tolerance { get; } = tolerance >= 0 ? tolerance : throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "must be zero or more");

    public GateDecision Judge(VersionMetrics candidate, long? championVersion, VersionMetrics? champion)
    {
        if (championVersion is null || champion is null) return new(true, "no champion to compare with");
        if (candidate.HeldOutUsers == 0) return new(true, "no held-out events to compare on (too few users with enough positives)");
        var worse = new[] { ("NDCG@10", candidate.Ndcg10, champion.Ndcg10), ("Recall@10", candidate.Recall10, champion.Recall10),
                ("AUC", candidate.Auc, champion.Auc), ("group AUC", candidate.GroupAuc, champion.GroupAuc) }
            .Where(m => m.Item2 is { } c && m.Item3 is { } w && c < w - Tolerance)
            .Select(m => $"{m.Item1} {m.Item2:F4} is below champion v{championVersion}'s {m.Item3:F4} by more than {Tolerance}")
            .ToList();
        if (candidate.LogLoss is { } loss && champion.LogLoss is { } championLoss && loss > championLoss + Tolerance)
            worse.Add($"log-loss {loss:F4} is above champion v{championVersion}'s {championLoss:F4} by more than {Tolerance}");
        return worse.Count == 0
            ? new(true, $"not worse than champion v{championVersion} beyond {Tolerance} on {candidate.HeldOutUsers} held-out users")
            : new(false, string.Join("; ", worse));
    }

    /// <summary>
    /// A first click model (no champion it can be compared with) replaces the weighted ranking only if it ranks the
    /// held-out impressions better than that ranking does: AUC and group AUC above the ranking's by at least the
    /// tolerance, and a log-loss below that of predicting the training click rate for every row (the weighted scores are
    /// not probabilities, so the base rate is what a probability has to beat). A model fitted on a day of noise would
    /// otherwise replace hand-set weights that already work.
    /// </summary>
    /// <param name="baseline">The weighted ranking's AUC and group AUC, and the base rate's log-loss, on the same held-out impressions.</param>
    public GateDecision JudgeFirst(VersionMetrics candidate, VersionMetrics baseline, string baselineName)
    {
        if (candidate.HeldOutUsers == 0) return new(false, $"no held-out feed with a click and a miss to compare with {baselineName} on");
        var shortfalls = new[] { ("AUC", candidate.Auc, baseline.Auc), ("group AUC", candidate.GroupAuc, baseline.GroupAuc) }
            .Where(m => m.Item2 is not { } c || m.Item3 is { } b && c < b + Tolerance)
            .Select(m => m.Item2 is null ? $"{m.Item1} could not be measured"
                : $"{m.Item1} {m.Item2:F4} does not beat {baselineName}'s {m.Item3:F4} by {Tolerance}")
            .ToList();
        if (candidate.LogLoss is { } loss && baseline.LogLoss is { } baseLoss && loss >= baseLoss)
            shortfalls.Add($"log-loss {loss:F4} is not below the base rate's {baseLoss:F4}");
        return shortfalls.Count == 0
            ? new(true, $"no champion; beats {baselineName} (AUC {baseline.Auc:F4}, group AUC {baseline.GroupAuc:F4}) by {Tolerance} " +
                        $"on {candidate.HeldOutUsers} held-out feeds")
            : new(false, $"no champion, and it does not beat {baselineName}: " + string.Join("; ", shortfalls));
    }
}
