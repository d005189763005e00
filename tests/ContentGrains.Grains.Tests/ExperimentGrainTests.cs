using ContentGrains.Abstractions;
using ContentGrains.Testing;
using static ContentGrains.Grains.Tests.Events;

namespace ContentGrains.Grains.Tests;

/// <summary>The experiment grain on the real embedded store: lifecycle, exposures and outcomes, restarts, and the feed inside an experiment.</summary>
public sealed class ExperimentGrainTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    private static ExperimentSpec Spec(params ExperimentArm[] arms) => new(
        arms.Length > 0 ? arms : [new ExperimentArm("control"), new ExperimentArm("variant")],
        [new ExperimentMetric("clicks"), new ExperimentMetric("converted", "proportion")],
        Salt: "restart-salt", MinPersonsPerArm: 10, HorizonPersons: 1000);

    [Fact]
    public async Task Exposures_outcomes_and_status_survive_a_silo_restart()
    {
        ExperimentResults before;
        string armOfUser5 = "";
        await using (var first = await EngineCluster.StartAsync(folder))
        {
            var grain = first.Grains.GetGrain<IExperimentGrain>("exp-restart");
            Assert.Empty(await grain.CreateAsync(Spec()));
            Assert.Null((await grain.StartAsync()).Conflict);
            for (var i = 0; i < 300; i++)
            {
                var assignment = (await grain.AssignAsync($"user{i}", preExposure: i % 7))!;
                Assert.True(assignment.Logged);
                // The variant gets one more click per person: a clear effect the results must show after the restart.
                var extra = i % 3 + (assignment.Arm == "variant" ? 1 : 0);
                if (extra > 0) Assert.Equal(OutcomeStatus.Recorded, await grain.RecordOutcomeAsync($"user{i}", "clicks", extra));
            }
            before = (await grain.GetResultsAsync())!;
            armOfUser5 = (await grain.AssignAsync("user5", null))!.Arm;
        }
        await using var second = await EngineCluster.StartAsync(folder);
        var again = second.Grains.GetGrain<IExperimentGrain>("exp-restart");
        var after = (await again.GetResultsAsync())!;

        Assert.Equal(("running", 300L), (after.Status, after.Persons));
        Assert.Equal(before.Arms.Select(a => a.Persons), after.Arms.Select(a => a.Persons));
        var clicks = after.Comparisons.Single(c => c.Metric == "clicks");
        Assert.Equal(before.Comparisons[0].ArmMean - before.Comparisons[0].ControlMean, clicks.ArmMean - clicks.ControlMean, 12);
        Assert.Equal(1.0, clicks.ArmMean - clicks.ControlMean, 1); // about one click more
        Assert.True(clicks.Fixed.Low > 0);
        Assert.True(after.CupedApplied);
        // Assignment is fixed by the hash: the same person keeps their arm after the restart.
        Assert.Equal(armOfUser5, (await again.AssignAsync("user5", null))!.Arm);
        Assert.Equal("stopped", (await again.StopAsync()).Experiment!.Status);
        Assert.Equal(OutcomeStatus.NotRunning, await again.RecordOutcomeAsync("user5", "clicks", 1));
    }

    [Fact]
    public async Task Outcomes_measured_from_the_log_are_the_same_after_a_restart_and_count_only_after_exposure()
    {
        var spec = new ExperimentSpec([new ExperimentArm("control"), new ExperimentArm("variant")],
            [new ExperimentMetric("clicks", Events: new ExperimentEventMetric(["click"]))], Salt: "log-salt", MinPersonsPerArm: 10, HorizonPersons: 1000);
        ExperimentResults before;
        var firstExposures = new Dictionary<string, DateTimeOffset>();
        await using (var first = await EngineCluster.StartAsync(folder))
        {
            var grain = first.Grains.GetGrain<IExperimentGrain>("exp-log");
            Assert.Empty(await grain.CreateAsync(spec));
            Assert.Null((await grain.StartAsync()).Conflict);
            var arms = new Dictionary<string, string>();
            for (var i = 0; i < 60; i++) arms[$"user{i}"] = (await grain.AssignAsync($"user{i}", null))!.Arm;
            var exposedBy = DateTimeOffset.UtcNow.AddSeconds(1);
            // Each person: one click an hour before exposure (not an outcome) and i % 3 clicks after it, +2 in the variant.
            var events = new List<InteractionEvent>();
            foreach (var (person, arm) in arms)
            {
                var i = int.Parse(person[4..]);
                events.Add(E($"{person}-pre", person, "m0") with { Timestamp = exposedBy.AddHours(-1) });
                var clicksAfter = i % 3 + (arm == "variant" ? 2 : 0);
                for (var k = 0; k < clicksAfter; k++) events.Add(E($"{person}-c{k}", person, $"m{k + 1}") with { Timestamp = exposedBy.AddSeconds(5 + k) });
            }
            Assert.Equal(events.Count, (await first.Grains.GetGrain<IIngestGrain>(0).IngestAsync(events)).Accepted);
            before = (await grain.GetResultsAsync())!;
            Assert.Equal((60L, events.Count - 60L), (before.Measured!.EventsBeforeExposure, before.Measured.EventsCounted));
            double Mean(string arm) => arms.Where(a => a.Value == arm).Average(a => int.Parse(a.Key[4..]) % 3 + (arm == "variant" ? 2.0 : 0));
            Assert.Equal(Mean("control"), before.Comparisons.Single().ControlMean, 12);
            Assert.Equal(Mean("variant"), before.Comparisons.Single().ArmMean, 12);
            foreach (var (person, at) in await grain.GetFirstExposuresAsync()) firstExposures[person] = at;
            Assert.Equal(60, firstExposures.Count);
            Assert.All(firstExposures.Values, at => Assert.True(at < exposedBy));
        }
        await using var second = await EngineCluster.StartAsync(folder);
        var after = (await second.Grains.GetGrain<IExperimentGrain>("exp-log").GetResultsAsync())!;
        Assert.Equal(before.Measured!.EventsCounted, after.Measured!.EventsCounted);
        Assert.Equal(before.Comparisons.Single().ArmMean, after.Comparisons.Single().ArmMean, 12);
        Assert.Equal(firstExposures, await second.Grains.GetGrain<IExperimentGrain>("exp-log").GetFirstExposuresAsync());
    }

    [Fact]
    public async Task Lifecycle_rules_and_bad_definitions_are_refused_with_the_field()
    {
        await using var engine = await EngineCluster.StartAsync(folder);
        var grain = engine.Grains.GetGrain<IExperimentGrain>("exp-rules");
        Assert.True((await grain.StartAsync()).NotFound);
        Assert.Null(await grain.AssignAsync("ann", null));

        var errors = await grain.CreateAsync(new ExperimentSpec([new ExperimentArm("only")], [new ExperimentMetric("clicks", "median")], Test: "bayes"));
        Assert.Equal(["metrics[0].kind", "test", "arms"], errors.Select(e => e.Field));

        Assert.Empty(await grain.CreateAsync(Spec()));
        Assert.Equal("id", (await grain.CreateAsync(Spec())).Single().Field);
        // A draft serves the control and logs nothing.
        Assert.Equal(("control", false), ((await grain.AssignAsync("ann", null))!.Arm, (await grain.AssignAsync("ann", null))!.Logged));
        Assert.Equal(OutcomeStatus.NotRunning, await grain.RecordOutcomeAsync("ann", "clicks", 1));
        Assert.Null((await grain.StartAsync()).Conflict);
        Assert.Contains("running", (await grain.StartAsync()).Conflict);
        Assert.Equal(OutcomeStatus.NotExposed, await grain.RecordOutcomeAsync("ann", "clicks", 1));
        Assert.Equal(OutcomeStatus.UnknownMetric, await grain.RecordOutcomeAsync("ann", "revenue", 1));
    }

    [Fact]
    public async Task The_feed_inside_an_experiment_uses_the_arm_and_logs_the_exposure()
    {
        await using var engine = await EngineCluster.StartAsync(folder);
        Assert.Empty(await engine.Grains.GetGrain<IItemGrain>("m1").PutAsync(Item("M1", "drama")));
        Assert.Empty(await engine.Grains.GetGrain<IItemGrain>("m2").PutAsync(Item("M2", "comedy")));
        await engine.Grains.GetGrain<IIngestGrain>(0).IngestAsync([E("c1", "ann", "m1", "click"), E("c2", "ann", "m1", "click")]);
        var grain = engine.Grains.GetGrain<IExperimentGrain>("exp-feed");
        // Every person lands in the variant (weight 0 is refused, so the control gets a sliver): the feed must name it.
        Assert.Empty(await grain.CreateAsync(Spec(new ExperimentArm("control", 1e-9), new ExperimentArm("popular", 1, new FeedVariantSpec(PopularityWeight: 5, ExplorationSlots: 0)))));
        await grain.StartAsync();

        var feed = (await engine.Grains.GetGrain<IUserGrain>("ann").GetExperimentFeedAsync(5, null, "exp-feed"))!;

        Assert.Equal(("exp-feed", "popular"), (feed.Experiment, feed.Arm));
        Assert.NotEmpty(feed.Items);
        Assert.Equal(1, (await grain.GetAsync())!.Persons);
        Assert.Null(await engine.Grains.GetGrain<IUserGrain>("ann").GetExperimentFeedAsync(5, null, "no-such-experiment"));
        Assert.Null((await engine.Grains.GetGrain<IUserGrain>("ann").GetFeedAsync(5, null)).Arm);
    }
}
