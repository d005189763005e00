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

    [Fact]
    public void A_first_click_model_that_does_not_beat_the_weighted_ranking_by_the_tolerance_is_rejected_naming_each_shortfall()
    {
        var baseline = new VersionMetrics(null, null, 40, Auc: 0.62, LogLoss: 0.20, GroupAuc: 0.60);

        // AUC 0.625 is above 0.62 but not by 0.01; group AUC 0.65 is; log-loss 0.21 is not below the base rate's 0.20.
        var decision = gate.JudgeFirst(new VersionMetrics(null, null, 40, Auc: 0.625, LogLoss: 0.21, GroupAuc: 0.65), baseline, "heuristic-v1");

        Assert.Equal(new GateDecision(false, "no champion, and it does not beat heuristic-v1: AUC 0.6250 does not beat heuristic-v1's 0.6200 by 0.01; " +
                                             "log-loss 0.2100 is not below the base rate's 0.2000"), decision);
    }

    [Fact]
    public void A_first_click_model_that_beats_the_weighted_ranking_by_the_tolerance_passes_and_says_by_how_much()
    {
        var baseline = new VersionMetrics(null, null, 40, Auc: 0.62, LogLoss: 0.20, GroupAuc: 0.60);

        var decision = gate.JudgeFirst(new VersionMetrics(null, null, 40, Auc: 0.64, LogLoss: 0.19, GroupAuc: 0.611), baseline, "heuristic-v1");

        Assert.Equal(new GateDecision(true, "no champion; beats heuristic-v1 (AUC 0.6200, group AUC 0.6000) by 0.01 on 40 held-out feeds"), decision);
    }

    [Fact]
    public void A_first_click_model_without_a_held_out_feed_to_judge_it_on_is_rejected()
    {
        var decision = gate.JudgeFirst(VersionMetrics.None, VersionMetrics.None, "heuristic-v1");
        Assert.Equal(new GateDecision(false, "no held-out feed with a click and a miss to compare with heuristic-v1 on"), decision);
    }

    [Fact]
    public void A_negative_tolerance_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ChampionGate(-0.1));
        Assert.Equal("tolerance", error.ParamName);
    }
}
