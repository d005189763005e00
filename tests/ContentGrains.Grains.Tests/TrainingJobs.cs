using ContentGrains.Abstractions;
using ContentGrains.Testing;

namespace ContentGrains.Grains.Tests;

/// <summary>Runs a training job to its end through the trainer grain, as the HTTP API and the CLI do.</summary>
public static class TrainingJobs
{
    public static async Task<TrainingJobView> RunAsync(IGrainFactory grains, string? kind, string model = "default", int timeoutMs = 600_000)
    {
        var trainer = grains.GetGrain<ITrainerGrain>(model);
        var start = await trainer.StartTrainingAsync(kind, "test");
        Assert.True(start.Started, $"a job was already running: {start.Job}");
        return (await Eventually.Get(() => trainer.GetJobAsync(start.Job.Id), j => j is { IsActive: false }, $"training job {start.Job.Id}", timeoutMs))!;
    }

    /// <summary>Runs a job that must succeed, and returns its version as the registry lists it.</summary>
    public static async Task<ModelVersionView> TrainAsync(IGrainFactory grains, string? kind, string model = "default")
    {
        var job = await RunAsync(grains, kind, model);
        Assert.True(job.Status == "succeeded", $"the job should succeed: {job}");
        var registry = await grains.GetGrain<ITrainerGrain>(model).GetRegistryAsync();
        return registry.Versions.Single(v => v.Version == job.Version);
    }
}
