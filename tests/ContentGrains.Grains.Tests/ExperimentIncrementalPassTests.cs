using ContentGrains.Abstractions;
using ContentGrains.Testing;
using static ContentGrains.Grains.Tests.Events;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// An experiment with a CTR ratio metric on the real embedded store: the first results read is a full pass, later reads
/// take only the new events (and the history of persons exposed since), the pass survives a silo restart in its own
/// row, and a forced full pass answers the same numbers.
/// </summary>
public sealed class ExperimentIncrementalPassTests : IDisposable
{
    private readonly TempDirectory folder = new();
    private readonly Dictionary<string, (double Clicks, double Impressions)> sent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> arms = new(StringComparer.Ordinal);

    public void Dispose() => folder.Dispose();

    private static readonly ExperimentSpec Spec = new([new ExperimentArm("A"), new ExperimentArm("B")],
        [
            new ExperimentMetric("ctr", Ratio: new ExperimentRatioMetric(new ExperimentEventMetric(["click"]), new ExperimentEventMetric(["impression"]))),
            new ExperimentMetric("clicks", Events: new ExperimentEventMetric(["click"])),
        ],
        Salt: "ctr-salt", MinPersonsPerArm: 10, HorizonPersons: 1000, PreExposureDays: 1);

    /// <summary>Person i's impressions at <paramref name="at"/>: 4 + i % 3, with a click on i % 2 + 1 of them (2 more in B once exposed).</summary>
    private List<InteractionEvent> Browse(IEnumerable<int> persons, string batch, DateTimeOffset at, bool countAsOutcome)
    {
        var events = new List<InteractionEvent>();
        foreach (var i in persons)
        {
            var person = $"user{i}";
            var impressions = 4 + i % 3;
            var clicks = i % 2 + 1 + (countAsOutcome && arms.GetValueOrDefault(person) == "B" ? 2 : 0);
            for (var k = 0; k < impressions; k++)
                events.Add(E($"{person}-{batch}-i{k}", person, $"m{k}", "impression") with { Timestamp = at.AddSeconds(k) });
            for (var k = 0; k < clicks; k++)
                events.Add(E($"{person}-{batch}-c{k}", person, $"m{k}") with { Timestamp = at.AddSeconds(k + 1) });
            if (!countAsOutcome) continue;
            var (c, n) = sent.GetValueOrDefault(person);
            sent[person] = (c + clicks, n + impressions);
        }
        return events;
    }

    private double Ctr(string arm)
    {
        var persons = sent.Where(p => arms[p.Key] == arm).Select(p => p.Value).ToList();
        return persons.Sum(p => p.Clicks) / persons.Sum(p => p.Impressions);
    }

    [Fact]
    public async Task Reads_after_new_events_are_incremental_survive_a_restart_and_equal_a_full_pass()
    {
        ExperimentResults second;
        await using (var first = await EngineCluster.StartAsync(folder))
        {
            var grain = first.Grains.GetGrain<IExperimentGrain>("exp-ctr");
            var ingest = first.Grains.GetGrain<IIngestGrain>(0);
            Assert.Empty(await grain.CreateAsync(Spec));
            Assert.Equal("ratio", (await grain.GetAsync())!.Spec.Metrics[0].Kind);
            Assert.Null((await grain.StartAsync()).Conflict);
            // user0-39 browse an hour before exposure (the covariate), user40-59 too: they are exposed only after the first read.
            await ingest.IngestAsync(Browse(Enumerable.Range(0, 60), "pre", DateTimeOffset.UtcNow.AddHours(-1), countAsOutcome: false));
            for (var i = 0; i < 40; i++) arms[$"user{i}"] = (await grain.AssignAsync($"user{i}", null))!.Arm;
            var exposedBy = DateTimeOffset.UtcNow.AddSeconds(1);
            await ingest.IngestAsync(Browse(Enumerable.Range(0, 40), "a", exposedBy, countAsOutcome: true));
            var firstRead = (await grain.GetResultsAsync())!;
            Assert.Equal("full", firstRead.Measured!.Pass!.Kind);
            AssertCtr(firstRead);

            for (var i = 40; i < 60; i++) arms[$"user{i}"] = (await grain.AssignAsync($"user{i}", null))!.Arm;
            var batch = Browse(Enumerable.Range(0, 60), "b", DateTimeOffset.UtcNow.AddSeconds(1), countAsOutcome: true);
            await ingest.IngestAsync(batch);
            second = (await grain.GetResultsAsync())!;
            var pass = second.Measured!.Pass!;
            Assert.Equal(("incremental", 20, (long)batch.Count), (pass.Kind, pass.PersonsAdded, pass.EventsTaken));
            Assert.Equal(Enumerable.Range(40, 20).Sum(i => 5 + i % 3 + i % 2), pass.HistoryEvents); // user40-59's "pre" browsing, read through the per-person index
            AssertCtr(second);
            Assert.Equal(Enumerable.Range(0, 60).Sum(i => 5 + i % 3 + i % 2), second.Measured.EventsBeforeExposure);
        }
        await using var again = await EngineCluster.StartAsync(folder);
        var restarted = again.Grains.GetGrain<IExperimentGrain>("exp-ctr");
        var last = Browse(Enumerable.Range(0, 60), "c", DateTimeOffset.UtcNow.AddSeconds(1), countAsOutcome: true);
        await again.Grains.GetGrain<IIngestGrain>(0).IngestAsync(last);
        var third = (await restarted.GetResultsAsync())!;
        Assert.Equal(("incremental", 0, (long)last.Count), (third.Measured!.Pass!.Kind, third.Measured.Pass.PersonsAdded, third.Measured.Pass.EventsTaken));
        AssertCtr(third);

        var full = (await restarted.GetResultsAfterFullPassAsync())!;
        Assert.Equal("full", full.Measured!.Pass!.Kind);
        Assert.Equal((third.Measured.EventsRead, third.Measured.EventsCounted, third.Measured.EventsBeforeExposure),
            (full.Measured.EventsRead, full.Measured.EventsCounted, full.Measured.EventsBeforeExposure));
        Assert.Equal(third.Comparisons, full.Comparisons);
        Assert.True(full.Measured.Pass.EventsTaken > third.Measured.Pass.EventsTaken); // the full pass took the whole log again
    }

    [Fact]
    public async Task A_bad_ratio_metric_is_refused_naming_the_field()
    {
        await using var engine = await EngineCluster.StartAsync(folder);
        var grain = engine.Grains.GetGrain<IExperimentGrain>("exp-bad-ratio");
        ExperimentSpec With(ExperimentMetric metric) => Spec with { Metrics = [metric] };
        var click = new ExperimentEventMetric(["click"]);
        var errors = await grain.CreateAsync(With(new ExperimentMetric("ctr", Ratio: new ExperimentRatioMetric(click, null))));
        Assert.Equal(("metrics[0].ratio.denominator", "is required (an event metric: types, minDwellSeconds, value)"), (errors.Single().Field, errors.Single().Reason));
        errors = await grain.CreateAsync(With(new ExperimentMetric("ctr", Ratio: new ExperimentRatioMetric(click, new ExperimentEventMetric(["impresion"])))));
        Assert.Equal("metrics[0].ratio.denominator.types[0]", errors[0].Field);
        errors = await grain.CreateAsync(With(new ExperimentMetric("ctr", "proportion", Ratio: new ExperimentRatioMetric(click, click))));
        Assert.Equal(("metrics[0].kind", "must be 'ratio' (or left out) for a metric with a ratio"), (errors.Single().Field, errors.Single().Reason));
        errors = await grain.CreateAsync(With(new ExperimentMetric("ctr", "ratio")));
        Assert.Equal("metrics[0].ratio", errors.Single().Field);
        Assert.Null(await grain.GetAsync()); // nothing was created
    }

    /// <summary>Each arm's CTR is Σ clicks / Σ impressions of what was sent after exposure; the delta-method interval is around it.</summary>
    private void AssertCtr(ExperimentResults results)
    {
        var ctr = results.Comparisons.Single(c => c.Metric == "ctr");
        Assert.Equal(Ctr("A"), ctr.ControlMean, 12);
        Assert.Equal(Ctr("B"), ctr.ArmMean, 12);
        Assert.True(ctr.Fixed.StandardError is > 0 and < 0.1);
        Assert.True(ctr.Fixed.Low < ctr.Fixed.Estimate && ctr.Fixed.Estimate < ctr.Fixed.High);
        Assert.True(results.CupedApplied);
    }
}
