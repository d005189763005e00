using ContentGrains.Abstractions;
using ContentGrains.Testing;
using static ContentGrains.Grains.Tests.Events;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// Training as jobs on one silo: a start answers at once, one job runs per model, a job can be cancelled, and its
/// progress counts the log events read. The log here is 24,000 events over 2,000 items read in pages of 1,024 (a 2 MiB
/// bound), so a job takes long enough to be caught running.
/// </summary>
public sealed class TrainingJobTests : IAsyncLifetime
{
    private const int Users = 400, Items = 2_000, EventsPerUser = 60;
    private readonly TempDirectory folder = new();
    private EngineCluster engine = null!;
    private ITrainerGrain Trainer => engine.Grains.GetGrain<ITrainerGrain>("default");

    public async Task InitializeAsync()
    {
        engine = await EngineCluster.StartAsync(folder, configure: o => o.Training.MemoryBoundBytes = 2 << 20);
        var events = Enumerable.Range(0, Users).SelectMany(u => Enumerable.Range(0, EventsPerUser)
            .Select(k => E($"u{u}-{k}", $"u{u}", $"i{(u * 37 + k * 11) % Items}", "view"))).ToList();
        foreach (var batch in events.Chunk(ContentGrainsNames.MaxEventsPerBatch))
            Assert.Equal(batch.Length, (await engine.Grains.GetGrain<IIngestGrain>(0).IngestAsync(batch)).Accepted);
    }

    public async Task DisposeAsync()
    {
        await engine.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task One_job_runs_per_model_and_a_cancelled_job_stores_nothing()
    {
        var first = await Trainer.StartTrainingAsync("ease", "test");
        Assert.True(first.Started);
        Assert.Equal(("queued", "test", "ease"), (first.Job.Status, first.Job.Trigger, first.Job.Kind));

        var second = await Trainer.StartTrainingAsync("pop", "test");
        Assert.False(second.Started);
        Assert.Equal(first.Job.Id, second.Job.Id);

        await Trainer.CancelJobAsync(first.Job.Id);
        // EASE on 2,000 items fits for seconds: the cancel lands while reading or fitting, and a fit runs to its end
        // before the job stops, so allow for a slow fit on a loaded machine.
        var cancelled = await Eventually.Get(() => Trainer.GetJobAsync(first.Job.Id), j => j is { IsActive: false }, "the job to stop", timeoutMs: 300_000);
        Assert.Equal(("cancelled", (long?)null), (cancelled!.Status, cancelled.Version));
        Assert.Empty((await Trainer.GetRegistryAsync()).Versions);
        Assert.Null(await Trainer.GetJobAsync("no-such-job"));
    }

    [Fact]
    public async Task A_job_reports_the_events_it_read_and_its_version()
    {
        var job = await TrainingJobs.RunAsync(engine.Grains, "itemknn");
        Assert.Equal(("succeeded", "done", 1.0, 1L), (job.Status, job.Phase, job.Fraction, job.Version));
        Assert.Equal((Users * EventsPerUser, Users * EventsPerUser), (job.EventsRead, job.EventsInLog));
        var version = (await Trainer.GetRegistryAsync()).Versions.Single();
        Assert.Equal((1L, Users * EventsPerUser), (version.Window!.FirstSequence, version.Window.LastSequence));
        Assert.Equal(64, version.Sha256!.Length);
        Assert.Equal(Users, version.Metrics!.HeldOutUsers); // every user has 60 views: all 400 are held out (at most 1,000)
    }

    [Fact]
    public async Task A_job_frees_the_text_encoders_model_as_it_starts_even_before_its_idle_time()
    {
        var encoder = engine.SiloService<Core.Text.ITextEncoder>(0);
        var session = Assert.IsType<Inference.Text.MiniLmTextEncoder>(encoder);
        encoder.Encode(["space opera"]); // loaded now; its own idle release is a minute away
        Assert.True(session.IsLoaded);

        var job = await TrainingJobs.RunAsync(engine.Grains, "pop");

        Assert.Equal("succeeded", job.Status);
        Assert.False(session.IsLoaded);
    }
}
