using ContentGrains.Abstractions;
using ContentGrains.Testing;
using static ContentGrains.Grains.Tests.Events;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// Flags of the KPI grain reach training and experiments: twenty people view five items each; zed, a timer, views an
/// item every 20 s (±0.3 s) forty times. Once the KPIs are computed, a trained model has never seen zed, and an
/// experiment's results leave zed out and count him.
/// </summary>
public sealed class NonHumanTrafficTests : IAsyncLifetime
{
    private const int People = 20, ViewsEach = 5, BotViews = 40;
    private readonly TempDirectory folder = new();
    private EngineCluster engine = null!;

    public async Task InitializeAsync()
    {
        engine = await EngineCluster.StartAsync(folder);
        var start = Now.AddHours(-2);
        var events = Enumerable.Range(0, People).SelectMany(u => Enumerable.Range(0, ViewsEach).Select(k => E($"u{u}-{k}", $"u{u}", $"i{(u + k) % 30}", "view")))
            .Concat(Enumerable.Range(0, BotViews).Select(i => new InteractionEvent
            {
                EventId = $"zed-{i}", UserId = "zed", ItemId = $"i{i % 30}", Type = "view", Timestamp = start.AddSeconds(i * 20 + i % 3 * 0.3), Channel = "web",
            })).ToList();
        Assert.Equal(events.Count, (await engine.Grains.GetGrain<IIngestGrain>(0).IngestAsync(events)).Accepted);
    }

    public async Task DisposeAsync()
    {
        await engine.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task Training_and_experiment_results_leave_the_flagged_bot_out()
    {
        var run = await engine.Grains.GetGrain<IKpiGrain>(Core.Tenants.TenantJobs.DefaultKey).ComputeAsync(null, null);
        Assert.Equal((1, (long)BotViews), (run.Excluded.FlaggedPersons, run.Excluded.ExcludedEventsByReason["robotic-regularity"]));

        var job = await TrainingJobs.RunAsync(engine.Grains, "pop");
        Assert.Equal("succeeded", job.Status);
        Assert.Equal(People * ViewsEach + BotViews, job.EventsRead); // the whole log was read…
        var version = (await engine.Grains.GetGrain<ITrainerGrain>("default").GetRegistryAsync()).Versions.Single();
        Assert.Equal((People, (long)(People * ViewsEach)), (version.Users, version.EventsRead)); // …but zed was not trained on

        var experiment = engine.Grains.GetGrain<IExperimentGrain>("exp-bots");
        Assert.Empty(await experiment.CreateAsync(new ExperimentSpec([new ExperimentArm("control"), new ExperimentArm("variant")],
            [new ExperimentMetric("clicks")], Salt: "bots", MinPersonsPerArm: 2, HorizonPersons: 100)));
        Assert.Null((await experiment.StartAsync()).Conflict);
        foreach (var person in Enumerable.Range(0, People).Select(u => $"u{u}").Append("zed"))
        {
            await experiment.AssignAsync(person, null);
            Assert.Equal(OutcomeStatus.Recorded, await experiment.RecordOutcomeAsync(person, "clicks", person == "zed" ? 500 : 1));
        }
        var results = (await experiment.GetResultsAsync())!;
        Assert.Equal((People, 1L), (results.Persons, results.ExcludedNonHuman));
        Assert.All(results.Arms, arm => Assert.Equal(1.0, arm.Metrics.Single().Value.Estimate, 12)); // zed's 500 clicks are in no arm
    }
}
