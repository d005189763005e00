namespace ContentGrains.Core.Simulation;

/// <summary>
/// Runs the simulated audience day by day against a feed source: who visits (first day by activity, then by how the
/// last visit went), when (their habit hour, give or take an hour), and each visit's feeds and reactions.
/// Day d is the date Start + d; visits of a day run <paramref name="parallel"/> at a time, in order of their time.
/// </summary>
public sealed class AudienceSimulation(SimWorld world, IFeedSource source, int feedSize, string channel, string eventPrefix, int parallel = 4)
{
    private readonly PersonState[] states = world.People.Select(_ => new PersonState()).ToArray();
    private int yesterdaysVisitors;

    public IReadOnlyList<PersonState> States => states;

    /// <summary>Called after each visit with the person, the day and the feeds they saw (e.g. to log every impression).</summary>
    public Action<SimPerson, int, IReadOnlyList<FeedOutcome>>? VisitDone { get; init; }

    public async Task<DayReport> RunDayAsync(int day, CancellationToken cancel = default)
    {
        var midnight = world.Settings.Start.AddDays(day);
        var tally = new DayTally(day, DateOnly.FromDateTime(midnight.UtcDateTime));
        var visits = Plan(day, midnight);
        await Parallel.ForEachAsync(visits, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancel },
            async (planned, token) =>
            {
                var (person, start) = planned;
                var state = states[person.Index];
                var cameBack = state.LastVisitDay == day - 1;
                var models = new SortedSet<string>(StringComparer.Ordinal);
                var visit = new Visit(world, person, state, day, start, eventPrefix, ChannelOf(person, day));
                var outcomes = await visit.RunAsync(new ModelRecorder(source, models), feedSize, token);
                tally.Add(cameBack, visit.Left, outcomes, models);
                VisitDone?.Invoke(person, day, outcomes);
            });
        var report = tally.Report(yesterdaysVisitors);
        yesterdaysVisitors = report.Visitors;
        return report;
    }

    /// <summary>The run's channel, or in a world with planted segments the channel of this person's visit on this day.</summary>
    private string ChannelOf(SimPerson person, int day) =>
        person.Channel is { } home
            ? PlantedSegments.VisitChannel(home, SimRandom.For(world.Settings.Seed, SimRandom.Streams.Visits ^ 0xC4A2, person.Index * 65_536 + day))
            : channel;

    /// <summary>The people who visit on <paramref name="day"/> and when, earliest first.</summary>
    public IReadOnlyList<(SimPerson Person, DateTimeOffset Start)> Plan(int day, DateTimeOffset midnight)
    {
        var planned = new List<(SimPerson, DateTimeOffset)>();
        foreach (var person in world.People)
        {
            var random = SimRandom.For(world.Settings.Seed, SimRandom.Streams.Visits, person.Index * 65_536 + day);
            if (!random.Chance(world.Oracle.VisitProbability(person, states[person.Index], day))) continue;
            var hour = Math.Clamp(person.HabitHour + random.Normal(), 0, 23.9);
            planned.Add((person, midnight + TimeSpan.FromHours(hour)));
        }
        return planned.OrderBy(p => p.Item2).ToList();
    }

    /// <summary>Notes the model name of every feed a visit received.</summary>
    private sealed class ModelRecorder(IFeedSource inner, SortedSet<string> models) : IFeedSource
    {
        public async Task<ShownFeed> GetFeedAsync(SimPerson person, PersonState state, SessionState session, DateTimeOffset at, int count, CancellationToken cancel)
        {
            var feed = await inner.GetFeedAsync(person, state, session, at, count, cancel);
            models.Add(feed.Model);
            return feed;
        }

        public Task SendEventsAsync(IReadOnlyList<SimEvent> events, CancellationToken cancel) => inner.SendEventsAsync(events, cancel);
    }
}
