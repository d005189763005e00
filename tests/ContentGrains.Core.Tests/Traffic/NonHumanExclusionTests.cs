using ContentGrains.Core.Events;
using ContentGrains.Core.Kpis;
using ContentGrains.Core.Live;
using ContentGrains.Core.Simulation;
using ContentGrains.Core.Traffic;
using static ContentGrains.Core.Tests.Given;

namespace ContentGrains.Core.Tests.Traffic;

public sealed class NonHumanExclusionTests
{
    private static (List<Interaction> All, PlantedBots Bots, int Humans) World()
    {
        var settings = new WorldSettings { Seed = 9, Users = 500, Items = 200 };
        var humans = new BulkEventGenerator(settings, 20_000, T0, TimeSpan.FromDays(3), interactionsOnly: false).Events().ToList();
        var bots = new PlantedBots(settings, 6, T0, TimeSpan.FromDays(3));
        return (PlantedBots.Merge(humans, bots.Events()).Select(e => e.ToInteraction(settings.Seed)).ToList(), bots, humans.Count);
    }

    [Fact]
    public async Task The_paged_log_job_equals_the_computation_in_memory()
    {
        var (all, bots, _) = World();
        var computation = new KpiComputation(() => [KpiDimension.Item], new TrafficOptions());
        var log = new ListEventLog(all);
        var (paged, _) = await new KpiLogJob(log, 997, computation).RunAsync(KpiWindow.All);
        var (whole, _) = computation.Run(all, KpiWindow.All);
        Assert.True(log.PagesRead >= 2 * (all.Count / 997), $"read in pages: {log.PagesRead}");
        Assert.Equal(whole.Overall, paged.Overall);
        Assert.Equal(bots.Bots.Count, paged.Excluded.FlaggedPersons);
        Assert.Equal(whole.Excluded.ExcludedEventsByReason, paged.Excluded.ExcludedEventsByReason);
    }

    [Fact]
    public async Task Training_reads_leave_flagged_persons_out_and_count_them_per_reason()
    {
        var (all, bots, humans) = World();
        var (_, exclusion) = new KpiComputation(() => [], new TrafficOptions()).Run(all, KpiWindow.All);
        var reader = new TrainingLogReader(new ListEventLog(all), 64 << 20, new TrafficExclusion(exclusion.Flags));
        var (builder, window) = await reader.ReadAsync(null, CancellationToken.None);

        Assert.Equal(humans, builder.EventsRead);
        Assert.All(bots.Bots, b => Assert.False(builder.Users.TryGetIndex(b.Id, out _), $"{b.Id} was trained on"));
        Assert.Equal(all.Count - humans, reader.Exclusion.ExcludedEvents);
        Assert.Equal(all.Count, window!.LastSequence); // the window still covers the whole log: the events stay in it
        var byReason = reader.Exclusion.ExcludedByReason();
        Assert.True(byReason["robotic-regularity"] > 0 && byReason["inhuman-rate"] > 0 && byReason["click-storm"] > 0, string.Join(", ", byReason));
    }
}
