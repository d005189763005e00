using ContentGrains.Core.Registry;

namespace ContentGrains.Core.Tests.Registry;

public sealed class ChampionGateTests
{
    private readonly ChampionGate gate = new(tolerance: 0.01);

    [Fact]
    public void Without_a_champion_the_candidate_passes_and_says_why()
    {
        var decision = gate.Judge(new VersionMetrics(0.1, 0.2, 50), championVersion: null, champion: null);
        Assert.Equal(new GateDecision(true, "no champion to compare with"), decision);
    }

    [Fact]
    public void A_candidate_worse_beyond_the_tolerance_is_rejected_naming_the_metric_and_both_values()
    {
        var decision = gate.Judge(new VersionMetrics(0.30, 0.50, 100), 3, new VersionMetrics(0.32, 0.505, 100));
        Assert.False(decision.Accepted);
        // NDCG: 0.30 < 0.32 - 0.01; Recall: 0.50 is within 0.01 of 0.505.
        Assert.Equal("NDCG@10 0.3000 is below champion v3's 0.3200 by more than 0.01", decision.Reason);
    }

    [Fact]
    public void A_candidate_within_the_tolerance_passes()
    {
        var decision = gate.Judge(new VersionMetrics(0.315, 0.50, 100), 3, new VersionMetrics(0.32, 0.505, 100));
        Assert.Equal(new GateDecision(true, "not worse than champion v3 beyond 0.01 on 100 held-out users"), decision);
    }

    [Fact]
    public void Click_model_slots_are_judged_when_both_sides_have_them_and_a_higher_log_loss_is_worse()
    {
        var decision = gate.Judge(new VersionMetrics(0.3, 0.5, 10, Auc: 0.70, LogLoss: 0.50), 1, new VersionMetrics(0.3, 0.5, 10, Auc: 0.70, LogLoss: 0.45));
        Assert.Equal("log-loss 0.5000 is above champion v1's 0.4500 by more than 0.01", decision.Reason);
        Assert.True(gate.Judge(new VersionMetrics(0.3, 0.5, 10, Auc: 0.70), 1, new VersionMetrics(0.3, 0.5, 10)).Accepted); // champion has no AUC
    }

    [Fact]
    public void Without_held_out_events_there_is_nothing_to_compare()
    {
        Assert.Equal(new GateDecision(true, "no held-out events to compare on (too few users with enough positives)"),
            gate.Judge(VersionMetrics.None, 2, new VersionMetrics(0.3, 0.5, 10)));
    }

    private static readonly VersionMetrics Ranking = new(null, null, 40, Auc: 0.62, LogLoss: 0.20, GroupAuc: 0.60);
    private static readonly VersionMetrics Better = new(null, null, 40, Auc: 0.64, LogLoss: 0.19, GroupAuc: 0.611);

    [Fact]
    public void A_click_model_that_beats_the_ranking_only_by_noise_is_rejected_though_its_AUCs_are_higher()
    {
        // AUC and group AUC beat the ranking's by the tolerance and log-loss is below the base rate's, but the mean per-feed
        // lift 0.03 is within 2 SE (2 × 0.02): the day-1 case of bench/learning.
        var decision = gate.JudgeClick(Better, Ranking, new FeedLift(35, 0.03, 0.02), "heuristic-v1", null, null);

        Assert.Equal(new GateDecision(false, "no champion; does not beat heuristic-v1 (AUC 0.6200, group AUC 0.6000, base-rate log-loss 0.2000; " +
                                             "paired AUC lift per feed +0.0300 ± 0.0200 (SE) over 35 feeds): the paired lift is not above 2 SE"), decision);
    }

    [Fact]
    public void A_click_model_with_a_clear_paired_lift_is_accepted_and_says_by_how_much()
    {
        var decision = gate.JudgeClick(Better, Ranking, new FeedLift(35, 0.05, 0.02), "heuristic-v1", null, null);

        Assert.Equal(new GateDecision(true, "no champion; beats heuristic-v1 (AUC 0.6200, group AUC 0.6000, base-rate log-loss 0.2000) by 0.01, " +
                                            "paired AUC lift per feed +0.0500 ± 0.0200 (SE) over 35 feeds, above 2 SE"), decision);
    }

    [Fact]
    public void A_click_model_that_does_not_beat_the_ranking_by_the_tolerance_or_the_base_rates_log_loss_is_rejected_naming_each_shortfall()
    {
        // AUC 0.625 is above 0.62 but not by 0.01; group AUC 0.65 is; log-loss 0.21 is not below the base rate's 0.20.
        var decision = gate.JudgeClick(new VersionMetrics(null, null, 40, Auc: 0.625, LogLoss: 0.21, GroupAuc: 0.65), Ranking,
            new FeedLift(40, 0.1, 0.01), "heuristic-v1", null, null);

        Assert.Equal(new GateDecision(false, "no champion; does not beat heuristic-v1 (AUC 0.6200, group AUC 0.6000, base-rate log-loss 0.2000; " +
                                             "paired AUC lift per feed +0.1000 ± 0.0100 (SE) over 40 feeds): AUC 0.6250 does not beat heuristic-v1's 0.6200 by 0.01; " +
                                             "log-loss 0.2100 is not below the base rate's 0.2000"), decision);
    }

    [Fact]
    public void A_log_loss_equal_to_the_base_rates_is_not_below_it()
    {
        var decision = gate.JudgeClick(Better with { LogLoss = 0.20 }, Ranking, new FeedLift(40, 0.1, 0.01), "heuristic-v1", null, null);
        Assert.False(decision.Accepted);
        Assert.EndsWith("log-loss 0.2000 is not below the base rate's 0.2000", decision.Reason);
    }

    [Fact]
    public void Under_the_minimum_of_scorable_feeds_a_click_model_is_too_few_to_tell_however_large_its_lift()
    {
        var few = gate.JudgeClick(Better, Ranking, new FeedLift(ChampionGate.MinLiftFeeds - 1, 0.2, 0.01), "heuristic-v1", null, null);
        var enough = gate.JudgeClick(Better, Ranking, new FeedLift(ChampionGate.MinLiftFeeds, 0.2, 0.01), "heuristic-v1", null, null);

        Assert.Equal(new GateDecision(false, "no champion; too few held-out feeds to tell it from heuristic-v1: 29 with a click and a miss, 30 needed"), few);
        Assert.True(enough.Accepted, enough.Reason);
    }

    [Fact]
    public void A_click_model_without_a_held_out_feed_to_judge_it_on_is_rejected()
    {
        var decision = gate.JudgeClick(VersionMetrics.None, VersionMetrics.None, FeedLift.Of([]), "heuristic-v1", null, null);
        Assert.Equal(new GateDecision(false, "no champion; no held-out feed with a click and a miss to compare with heuristic-v1 on"), decision);
    }

    [Fact]
    public void With_a_champion_a_candidate_that_beats_the_ranking_must_still_not_be_worse_than_the_champion()
    {
        var lift = new FeedLift(40, 0.05, 0.02);
        var strongChampion = Better with { Auc = 0.70 };

        var worse = gate.JudgeClick(Better, Ranking, lift, "heuristic-v1", 4, strongChampion);
        var asGood = gate.JudgeClick(Better, Ranking, lift, "heuristic-v1", 4, Better with { Auc = 0.645 });

        Assert.False(worse.Accepted);
        Assert.EndsWith("above 2 SE; AUC 0.6400 is below champion v4's 0.7000 by more than 0.01", worse.Reason);
        Assert.True(asGood.Accepted, asGood.Reason);
        Assert.StartsWith("beats heuristic-v1 (AUC 0.6200", asGood.Reason);
        Assert.EndsWith("; not worse than champion v4 beyond 0.01 on 40 held-out users", asGood.Reason);
    }

    [Fact]
    public void With_a_champion_a_candidate_that_does_not_beat_the_ranking_is_rejected_even_if_it_beats_the_champion()
    {
        var weakChampion = Ranking with { Auc = 0.50, GroupAuc = 0.50 };
        var decision = gate.JudgeClick(Better, Ranking, new FeedLift(40, 0.01, 0.02), "heuristic-v1", 4, weakChampion);
        Assert.Equal(new GateDecision(false, "does not beat heuristic-v1 (AUC 0.6200, group AUC 0.6000, base-rate log-loss 0.2000; paired AUC lift per feed +0.0100 ± 0.0200 (SE) over 40 feeds): " +
                                             "the paired lift is not above 2 SE"), decision);
    }

    [Fact]
    public void A_champion_that_cannot_score_the_rows_is_not_compared_and_the_reason_says_so()
    {
        var decision = gate.JudgeClick(Better, Ranking, new FeedLift(40, 0.05, 0.02), "heuristic-v1", 4, champion: null);
        Assert.True(decision.Accepted);
        Assert.EndsWith("; champion v4 could not score these rows (artifact gone or another feature row), so it is not compared", decision.Reason);
    }

    [Fact]
    public void A_champion_retires_only_when_the_ranking_beats_it_beyond_2_SE_on_enough_feeds()
    {
        var beaten = ChampionGate.Retirement(3, new FeedLift(35, -0.05, 0.02), "heuristic-v1");

        Assert.Equal(new ChampionRetirement(3, "heuristic-v1 beats champion v3 on the newest held-out feeds: the champion's paired AUC lift per feed is " +
                                               "-0.0500 ± 0.0200 (SE) over 35 feeds, below -2 SE"), beaten);
        Assert.Null(ChampionGate.Retirement(3, new FeedLift(35, -0.03, 0.02), "heuristic-v1")); // within noise: not proven worse
        Assert.Null(ChampionGate.Retirement(3, new FeedLift(29, -0.5, 0.01), "heuristic-v1")); // too few feeds to tell
        Assert.Null(ChampionGate.Retirement(3, new FeedLift(35, 0.05, 0.02), "heuristic-v1"));
    }

    [Fact]
    public void A_negative_tolerance_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ChampionGate(-0.1));
        Assert.Equal("tolerance", error.ParamName);
    }
}
