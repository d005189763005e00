using ContentGrains.Core.Simulation;

namespace ContentGrains.Core.Tests.Segments;

public sealed class PlantedSegmentsTests
{
    [Fact]
    public void People_lean_to_their_groups_home_topics_hour_and_channel()
    {
        var generator = new WorldGenerator(new WorldSettings { Users = 400, Topics = 20, Segments = 5 });
        var people = Enumerable.Range(0, 400).Select(i => generator.Person(i)).ToList();
        Assert.Equal([0, 1, 2, 3, 4], people.Select(p => p.Segment).Distinct().Order());
        foreach (var person in people)
        {
            var home = Enumerable.Range(0, 20).Where(t => t % 5 == person.Segment).Sum(t => person.Tastes[t]);
            Assert.True(home >= PlantedSegments.HomeShare - 1e-9, $"{person.Id} puts {home:F3} on its group's topics");
            Assert.Equal(1, person.Tastes.Sum(), 9);
            Assert.Equal(PlantedSegments.Channels[person.Segment % 4], person.Channel);
        }
        // Group 4's hour is 06:00 + 4 × 16/5 = 18:48; its people come about then (± a normal hour).
        Assert.InRange(people.Where(p => p.Segment == 4).Average(p => p.HabitHour), 18.3, 19.3);
    }

    [Fact]
    public void A_world_without_segments_is_unchanged()
    {
        var plain = new WorldGenerator(new WorldSettings()).Person(7);
        Assert.Equal((-1, (string?)null), (plain.Segment, plain.Channel));
        // The seed-1 person 7 as drawn before segments existed (its first taste and habit hour).
        var again = new WorldGenerator(new WorldSettings { Segments = 0 }).Person(7);
        Assert.Equal(plain.Tastes, again.Tastes);
        Assert.Equal(plain.HabitHour, again.HabitHour);
    }

    [Fact]
    public void More_groups_than_topics_is_refused_by_name() =>
        Assert.StartsWith("segments must be between 0 and topics (20)", new WorldSettings { Segments = 21 }.Problem());

    [Fact]
    public void Bulk_visits_of_a_planted_world_come_at_the_groups_hours_and_mostly_its_channel()
    {
        var settings = new WorldSettings { Users = 200, Items = 200, Segments = 4 };
        var end = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var generator = new WorldGenerator(settings);
        var events = new BulkEventGenerator(settings, 20_000, end, TimeSpan.FromDays(10), interactionsOnly: false).Events().ToList();
        Assert.All(events, e => Assert.True(e.Timestamp <= end));
        var home = events.Count(e => e.Channel == generator.Person(e.User).Channel);
        Assert.InRange((double)home / events.Count, 0.7, 0.85); // 70% home visits, plus a quarter of the other 30% by chance
        var groupZero = events.Where(e => generator.Person(e.User).Segment == 0).Select(e => e.Timestamp.UtcDateTime.TimeOfDay.TotalHours).ToList();
        Assert.InRange(groupZero.Average(), 5.0, 7.5); // group 0's hour is 06:00
    }
}
