namespace ContentGrains.Core.Registry;

/// <summary>The gate's verdict on a candidate, with a reason an operator can read.</summary>
public sealed record GateDecision(bool Accepted, string Reason);

/// <summary>
/// Lets a candidate become champion only if no held-out metric is worse than the champion's (judged on the same
/// held-out events) by more than <paramref name="tolerance"/> (absolute). Without a champion, or without metrics on
/// either side, there is nothing to compare and the candidate passes, saying why. A click model has first to beat the
/// weighted ranking beyond noise (<see cref="JudgeClick"/>), and a click champion the ranking beats retires (<see cref="Retirement"/>).
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
    /// Fewer held-out feeds with a click and a miss than this and a click model is rejected as too few to tell: the
    /// standard error of a mean of per-feed AUC differences is itself estimated from the sample, and below about 30
    /// feeds that estimate is too rough for "two standard errors" to mean what it says (Student's t at 29 degrees of
    /// freedom is 2.05, within 3 % of the normal's 1.96; at 10 it is 2.23), and each feed's AUC, over 10 slots with one or
    /// two clicks, takes only a few values.
    /// </summary>
    public const int MinLiftFeeds = 30;

    /// <summary>How many standard errors the mean per-feed lift must clear: about a one-in-forty chance for a model no better than the ranking.</summary>
    public const double LiftStandardErrors = 2;

    /// <summary>
    /// Every click model, first or not, serves only if it ranks the held-out feeds better than the weighted ranking that
    /// would serve without any click model (<paramref name="ranking"/>, named <paramref name="rankingName"/>): AUC and
    /// group AUC above the ranking's by at least the tolerance, a log-loss below that of predicting the training click
    /// rate for every row (the weighted scores are not probabilities, so the base rate is what a probability has to
    /// beat), and a per-feed paired lift over the ranking (<paramref name="lift"/>) whose mean clears
    /// <see cref="LiftStandardErrors"/> standard errors on at least <see cref="MinLiftFeeds"/> feeds. On ~35 held-out
    /// feeds a model can beat the ranking's AUC by noise (bench/learning's day 1: a first model accepted so served 21 %
    /// less expected CTR than the ranking); the paired lift's standard error says how much noise there is. Then, when a
    /// champion can be compared on the same feeds, the candidate must also pass <see cref="Judge"/> against it.
    /// </summary>
    public GateDecision JudgeClick(VersionMetrics candidate, VersionMetrics ranking, FeedLift lift, string rankingName,
        long? championVersion, VersionMetrics? champion)
    {
        var againstRanking = JudgeAgainstRanking(candidate, ranking, lift, rankingName);
        if (championVersion is null) return againstRanking with { Reason = "no champion; " + againstRanking.Reason };
        if (!againstRanking.Accepted) return againstRanking;
        if (champion is null)
            return againstRanking with { Reason = $"{againstRanking.Reason}; champion v{championVersion} could not score these rows (artifact gone or another feature row), so it is not compared" };
        var againstChampion = Judge(candidate, championVersion, champion);
        return againstChampion with { Reason = $"{againstRanking.Reason}; {againstChampion.Reason}" };
    }

    /// <summary>
    /// Whether the weighted ranking beats the serving champion (v<paramref name="championVersion"/>) on the new held-out
    /// feeds: <paramref name="championLift"/> (the champion's per-feed lift over the ranking) below minus
    /// <see cref="LiftStandardErrors"/> standard errors on at least <see cref="MinLiftFeeds"/> feeds. The burden is the
    /// admission rule's turned round, not "the champion no longer proves itself": a champion passed the gate once, and
    /// asking it to prove itself again on every day's few dozen feeds would retire sound models on a thin day and make
    /// the feeds flap between model and ranking. Retiring needs evidence of harm as strong as admitting needs evidence
    /// of benefit. Null when the champion stays.
    /// </summary>
    public static ChampionRetirement? Retirement(long championVersion, FeedLift championLift, string rankingName) =>
        championLift.Feeds >= MinLiftFeeds && championLift.IsBelow(LiftStandardErrors)
            ? new ChampionRetirement(championVersion,
                $"{rankingName} beats champion v{championVersion} on the newest held-out feeds: the champion's paired AUC lift per feed is {championLift}, " +
                $"below -{LiftStandardErrors} SE")
            : null;

    private GateDecision JudgeAgainstRanking(VersionMetrics candidate, VersionMetrics ranking, FeedLift lift, string rankingName)
    {
        if (candidate.HeldOutUsers == 0) return new(false, $"no held-out feed with a click and a miss to compare with {rankingName} on");
        if (lift.Feeds < MinLiftFeeds)
            return new(false, $"too few held-out feeds to tell it from {rankingName}: {lift.Feeds} with a click and a miss, {MinLiftFeeds} needed");
        var shortfalls = new[] { ("AUC", candidate.Auc, ranking.Auc), ("group AUC", candidate.GroupAuc, ranking.GroupAuc) }
            .Where(m => m.Item2 is not { } c || m.Item3 is { } b && c < b + Tolerance)
            .Select(m => m.Item2 is null ? $"{m.Item1} could not be measured"
                : $"{m.Item1} {m.Item2:F4} does not beat {rankingName}'s {m.Item3:F4} by {Tolerance}")
            .ToList();
        if (candidate.LogLoss is { } loss && ranking.LogLoss is { } baseLoss && loss >= baseLoss)
            shortfalls.Add($"log-loss {loss:F4} is not below the base rate's {baseLoss:F4}");
        if (!lift.IsAbove(LiftStandardErrors))
            shortfalls.Add($"the paired lift is not above {LiftStandardErrors} SE");
        // Both verdicts state the ranking's AUCs and the paired lift, so an operator (and bench/learning-first-retrain.sh) reads them from either.
        return shortfalls.Count == 0
            ? new(true, $"beats {rankingName} (AUC {ranking.Auc:F4}, group AUC {ranking.GroupAuc:F4}, base-rate log-loss {ranking.LogLoss:F4}) by {Tolerance}, " +
                        $"paired AUC lift per feed {lift}, above {LiftStandardErrors} SE")
            : new(false, $"does not beat {rankingName} (AUC {ranking.Auc:F4}, group AUC {ranking.GroupAuc:F4}, base-rate log-loss {ranking.LogLoss:F4}; " +
                         $"paired AUC lift per feed {lift}): " +
                         string.Join("; ", shortfalls));
    }
}

/// <summary>The weighted ranking beats champion <paramref name="Version"/> beyond noise: it should stop serving, for the reason given.</summary>
public sealed record ChampionRetirement(long Version, string Reason);
