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
}
