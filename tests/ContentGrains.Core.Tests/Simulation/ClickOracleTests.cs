using ContentGrains.Core.Simulation;

namespace ContentGrains.Core.Tests.Simulation;

/// <summary>The oracle's probabilities, hand-computed from the default settings (intercept −4, slope 5.5, position decay 0.85,
/// fatigue 0.6, repeat 0.3, freshness floor 0.5 over 7 days).</summary>
public sealed class ClickOracleTests
{
    private static readonly WorldSettings Settings = new();
    private static readonly ClickOracle Oracle = new(Settings);
    private static readonly DateTimeOffset Now = Settings.Start;

    // Tastes 0.5 / 0.3 / 0.2 over the first three topics, nothing elsewhere.
    private static readonly SimPerson Ann = new(0, [0.5, 0.3, 0.2, .. new double[17]], Activity: 0.5, HabitHour: 20, Patience: 2);
    private static ItemTraits Item(long index, int[] topics, double[] weights, DateTimeOffset? published = null) =>
        new(index, topics, weights, Quality: 0, published ?? Now);

    private static readonly ItemTraits Favourite = Item(1, [0], [1.0]);          // affinity 1
    private static readonly ItemTraits Mixed = Item(2, [1, 2], [0.6, 0.4]);      // affinity (0.6×0.3 + 0.4×0.2) / 0.5 = 0.52

    [Fact]
    public void Attraction_is_the_sigmoid_of_taste_affinity_scaled_by_freshness()
    {
        Assert.Equal(1.0, Oracle.Affinity(Ann, Favourite), 12);
        Assert.Equal(0.52, Oracle.Affinity(Ann, Mixed), 12);
        Assert.Equal(0.8175744762, Oracle.Attraction(Ann, Favourite, Now), 9);               // sigmoid(−4 + 5.5)
        Assert.Equal(0.2423203610, Oracle.Attraction(Ann, Mixed, Now), 9);                   // sigmoid(−4 + 5.5 × 0.52)
        Assert.Equal(0.5591716588, Oracle.Attraction(Ann, Favourite, Now.AddDays(7)), 9);    // × (0.5 + 0.5 e^−1)
        var ignored = Item(3, [5], [1.0]);
        Assert.Equal(0.0179862100, Oracle.Attraction(Ann, ignored, Now), 9);                 // sigmoid(−4): a topic she ignores
    }

    [Fact]
    public void A_planted_appeal_factor_multiplies_the_appeal_and_is_capped_at_1()
    {
        var session = new SessionState();
        var treated = new PersonState { AppealFactor = 1.05 };
        Assert.Equal(0.2423203610 * 1.05, Oracle.Appeal(Ann, treated, session, Mixed, Now), 9);
        Assert.Equal(0.2423203610, Oracle.Appeal(Ann, new PersonState(), session, Mixed, Now), 9);
        Assert.Equal(1.0, Oracle.Appeal(Ann, new PersonState { AppealFactor = 2 }, session, Favourite, Now));
    }

    [Fact]
    public void Position_bias_decays_geometrically_with_the_slot()
    {
        var (state, session) = (new PersonState(), new SessionState());
        Assert.Equal([1.0, 0.85, 0.7225, 0.614125], Enumerable.Range(0, 4).Select(k => Math.Round(Oracle.Examine(k), 9)));
        Assert.Equal(0.8175744762, Oracle.ClickProbability(Ann, state, session, Favourite, 0, Now), 9);
        Assert.Equal(0.8175744762 * 0.614125, Oracle.ClickProbability(Ann, state, session, Favourite, 3, Now), 9);
    }

    [Fact]
    public void Clicks_on_a_topic_in_a_session_tire_the_next_item_of_that_topic_only_and_repeats_and_consumed_items_lose_appeal()
    {
        var (state, session) = (new PersonState(), new SessionState());
        session.RecordClick(0);
        session.RecordClick(0);
        Assert.Equal(0.36, Oracle.Fatigue(session, Favourite), 12);                           // 0.6²
        Assert.Equal(0.8175744762 * 0.614125 * 0.36, Oracle.ClickProbability(Ann, state, session, Favourite, 3, Now), 9);
        Assert.Equal(1.0, Oracle.Fatigue(session, Mixed), 12);                                // primary topic 1: untouched

        session.RecordShown(Mixed.Index);
        Assert.Equal(0.2423203610 * 0.3, Oracle.Appeal(Ann, state, session, Mixed, Now), 9);  // shown earlier in the visit
        state.Consumed.Add(Favourite.Index);
        Assert.Equal(0.0, Oracle.ClickProbability(Ann, state, session, Favourite, 0, Now));   // clicked on an earlier visit
        Assert.Equal(0.2423203610, Oracle.Appeal(Ann, state, new SessionState(), Mixed, Now), 9);     // a new visit forgets repeats
    }

    [Fact]
    public void A_satisfying_visit_makes_coming_back_tomorrow_likelier()
    {
        Assert.Equal(0.5 * 0.4, Oracle.ReturnProbability(Ann, clicks: 0), 12);
        Assert.Equal(0.5 * (0.4 + 0.8 * 0.5), Oracle.ReturnProbability(Ann, clicks: 1), 12);
        Assert.Equal(0.5 * 1.2, Oracle.ReturnProbability(Ann, clicks: 5), 12);               // satisfaction caps at 2 clicks
        var state = new PersonState { LastVisitDay = 3, LastVisitClicks = 2 };
        Assert.Equal(0.6, Oracle.VisitProbability(Ann, state, 4), 12);
        Assert.Equal(0.25, Oracle.VisitProbability(Ann, state, 6), 12);                      // lapsed: activity × 0.5
        Assert.Equal(0.5, Oracle.VisitProbability(Ann, new PersonState(), 0), 12);
    }
}
