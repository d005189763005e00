using ContentGrains.Core.Simulation;

namespace ContentGrains.Core.Tests.Simulation;

/// <summary>The whole day loop against in-memory policies: the oracle's feed is the ceiling, a random feed the floor.</summary>
public sealed class AudienceSimulationTests
{
    private static readonly WorldSettings Settings = new() { Seed = 11, Users = 300, Items = 500 };

    [Fact]
    public void The_oracle_policy_expects_several_times_the_clicks_of_a_random_feed()
    {
        var world = new SimWorld(Settings);
        var at = Settings.Start.AddHours(12);
        double best = 0, random = 0;
        foreach (var person in world.People)
        {
            best += world.Policy.BestExpectedClicks(person, new PersonState(), new SessionState(), at, 10);
            random += world.Policy.RandomExpectedClicks(person, new PersonState(), new SessionState(), at, 10);
        }
        // Per impression: about 0.46 for the oracle's feeds, about 0.05 for random ones in this world.
        Assert.True(best > 5 * random, $"oracle {best / 3000:F4} vs random {random / 3000:F4} expected clicks per impression");
        Assert.InRange(best / (10 * world.People.Count), 0.3, 0.7);
    }

    private static async Task<List<DayReport>> Run(SimWorld world, IFeedSource source, int days)
    {
        var simulation = new AudienceSimulation(world, source, feedSize: 10, channel: "web", eventPrefix: "t", parallel: 1);
        var reports = new List<DayReport>();
        for (var day = 0; day < days; day++) reports.Add(await simulation.RunDayAsync(day));
        return reports;
    }

    [Fact]
    public async Task Simulated_days_are_reproducible_and_the_oracle_feed_wins_clicks_and_retention()
    {
        var world = new SimWorld(Settings);
        var oracle = await Run(world, new OracleFeedSource(world), days: 3);
        var again = await Run(world, new OracleFeedSource(world), days: 3);
        var random = await Run(world, new RandomFeedSource(world, 1), days: 3);

        Assert.Equal(oracle, again, new ReportComparer());
        foreach (var day in oracle)
        {
            // When the feed is the oracle's own, what was shown is exactly what the oracle would show.
            Assert.Equal(day.OracleCtr, day.MeanOracleProbability, 9);
            Assert.Equal(day.Ctr, (double)day.Clicks / day.Impressions, 12);
            Assert.True(day.Impressions >= day.Feeds * 9L, "nearly every feed has 10 items");
        }
        double Ctr(List<DayReport> days) => (double)days.Sum(d => d.Clicks) / days.Sum(d => d.Impressions);
        Assert.True(Ctr(oracle) > 4 * Ctr(random), $"CTR oracle {Ctr(oracle):F4} vs random {Ctr(random):F4}");
        // Realised clicks follow the oracle's probabilities (within noise of a few thousand impressions).
        var expected = oracle.Sum(d => d.MeanOracleProbability * d.Impressions) / oracle.Sum(d => d.Impressions);
        Assert.InRange(Ctr(oracle), expected * 0.93, expected * 1.07);
        Assert.True(random[0].MeanOracleProbability < 0.1 && random[0].OracleCtr > 0.3);
        // A random feed's shown items average out to the random-feed expectation the report computes for each visit.
        var shown = random.Sum(d => d.MeanOracleProbability * d.Impressions) / random.Sum(d => d.Impressions);
        var randomExpected = random.Sum(d => d.RandomCtr * d.Impressions) / random.Sum(d => d.Impressions);
        Assert.InRange(shown, randomExpected * 0.9, randomExpected * 1.1);
        Assert.All(oracle, d => Assert.True(d.OracleCtr > 5 * d.RandomCtr, $"day {d.Day}: oracle {d.OracleCtr:F4} vs random {d.RandomCtr:F4}"));
        // Unrewarded visitors come back less, and leave early more.
        Assert.True(oracle[2].Retention > random[2].Retention + 0.1, $"retention {oracle[2].Retention:F3} vs {random[2].Retention:F3}");
        Assert.True(random.Sum(d => d.LeftEarly) > oracle.Sum(d => d.LeftEarly));
        Assert.Equal(["oracle"], oracle[0].Models);
    }

    [Fact]
    public void A_visit_reacts_to_a_feed_with_impressions_clicks_dwell_and_likes_and_ignores_foreign_items()
    {
        var world = new SimWorld(Settings);
        var person = world.People[0];
        var state = new PersonState();
        var best = world.Policy.BestFeed(person, state, new SessionState(), Settings.Start, 5).Select(i => i.Id).ToList();
        var visit = new Visit(world, person, state, 0, Settings.Start, "run1", "web");

        var outcome = visit.React(0, [.. best, "not-ours"], Settings.Start);

        Assert.Equal(6, outcome.Events.Count(e => e.Type == "impression"));
        Assert.Equal(outcome.Clicks, outcome.Events.Count(e => e.Type == "click"));
        Assert.Equal(outcome.Clicks, outcome.Events.Count(e => e.Type == "dwell" && e.DwellSeconds > 5));
        Assert.Equal(outcome.Likes, outcome.Events.Count(e => e.Type == "like"));
        Assert.Equal(0, outcome.Slots[5].OracleProbability);
        Assert.False(outcome.Slots[5].Clicked);
        Assert.Equal(outcome.Events.Count, outcome.Events.Select(e => e.EventId).Distinct().Count());
        Assert.All(outcome.Events, e => Assert.StartsWith("run1-u0-d0-f0-s", e.EventId));
        Assert.Equal(outcome.Clicks, state.Consumed.Count);
    }

    /// <summary>Records hold a list (Models), which record equality compares by reference.</summary>
    private sealed class ReportComparer : IEqualityComparer<DayReport>
    {
        public bool Equals(DayReport? x, DayReport? y) => x! with { Models = [] } == y! with { Models = [] } && x.Models.SequenceEqual(y.Models);
        public int GetHashCode(DayReport obj) => obj.Day;
    }
}
