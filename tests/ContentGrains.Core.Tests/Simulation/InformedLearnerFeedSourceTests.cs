using ContentGrains.Core.Simulation;

namespace ContentGrains.Core.Tests.Simulation;

/// <summary>The informed learner: its posterior follows a person's clicks, and its feeds land between random and the oracle, rising as it learns.</summary>
public sealed class InformedLearnerFeedSourceTests
{
    private static readonly WorldSettings Settings = new() { Seed = 11, Users = 200, Items = 400 };

    [Fact]
    public async Task Clicks_on_one_topic_and_skips_of_the_rest_move_the_posterior_to_that_topic()
    {
        var world = new SimWorld(Settings);
        var learner = new InformedLearnerFeedSource(world, seed: 3);
        var person = world.People[0];
        var at = Settings.Start.AddHours(12);
        var feed = await learner.GetFeedAsync(person, new PersonState(), new SessionState(), at, 10, default);
        // The person clicks every item whose primary topic is that of the first feed's last slot, and nothing else.
        var topic = world.Find(feed.ItemIds[^1])!.PrimaryTopic;
        var priorMean = MeanTaste(learner, person, topic);
        for (var round = 0; round < 6; round++)
        {
            await learner.SendEventsAsync(feed.ItemIds.SelectMany((id, slot) =>
            {
                var shown = new SimEvent($"r{round}s{slot}i", person.Id, id, "impression", at, "web");
                return world.Find(id)!.PrimaryTopic == topic ? new[] { shown, shown with { EventId = $"r{round}s{slot}c", Type = "click" } } : [shown];
            }).ToList(), default);
            feed = await learner.GetFeedAsync(person, new PersonState(), new SessionState(), at, 10, default);
        }

        var mean = MeanTaste(learner, person, topic);
        Assert.True(mean > 3 * priorMean, $"posterior mean taste for topic {topic}: {mean:F3}, prior {priorMean:F3}");
        Assert.True(feed.ItemIds.Count(id => world.Find(id)!.Topics.Contains(topic)) >= 6,
            $"topic {topic}; the last feed's primary topics: {string.Join(",", feed.ItemIds.Select(id => world.Find(id)!.PrimaryTopic))}");
    }

    private static double MeanTaste(InformedLearnerFeedSource learner, SimPerson person, int topic) =>
        learner.Posterior(person.Index).Sum(s => s.Weight * s.Tastes[topic]);

    [Fact]
    public async Task Its_feeds_beat_random_stay_under_the_oracle_and_improve_after_the_first_day()
    {
        var world = new SimWorld(Settings);
        var informed = await Run(world, new InformedLearnerFeedSource(world, seed: 3), days: 3);
        var random = await Run(world, new RandomFeedSource(world, 1), days: 3);

        for (var day = 0; day < 3; day++)
        {
            Assert.True(informed[day].MeanOracleProbability > 1.5 * random[day].MeanOracleProbability, $"day {day}: {informed[day]} vs {random[day]}");
            Assert.True(informed[day].MeanOracleProbability <= informed[day].OracleCtr, $"day {day}: {informed[day]}");
        }
        Assert.True(informed[2].MeanOracleProbability > informed[0].MeanOracleProbability, $"{informed[0]} then {informed[2]}");
    }

    private static async Task<List<DayReport>> Run(SimWorld world, IFeedSource source, int days)
    {
        var simulation = new AudienceSimulation(world, source, feedSize: 10, channel: "web", eventPrefix: "t", parallel: 1);
        var reports = new List<DayReport>();
        for (var day = 0; day < days; day++) reports.Add(await simulation.RunDayAsync(day));
        return reports;
    }
}
