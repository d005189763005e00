using System.Diagnostics;
using ContentGrains.Bench.Scale;
using ContentGrains.Core.Embeddings;
using ContentGrains.Core.Live;
using ContentGrains.Training;
using ContentGrains.Training.Embedding;

namespace ContentGrains.Bench.Gpu;

/// <summary>
/// The live embedding kind at catalog scale, as bench/scale trains it: the scale bench's <see cref="SyntheticWorld"/>
/// (20 views per person inside one of 100 topics), read through <see cref="LiveModelTrainer"/> from events and the
/// catalog's tags, the live options (<see cref="TrainingKinds.EmbeddingLiveOptions"/>) with the given example budget.
/// Reports what the live trainer hands the registry (<see cref="TrainingReport.Device"/>) beside the fit's own record.
/// </summary>
internal static class ScaleRun
{
    public static Dictionary<string, object?> Run(int items, double usersPerItem, long budget, int threads)
    {
        var options = TrainingKinds.EmbeddingLiveOptions with { ExampleBudget = budget, Threads = threads };
        LiveModelTrainer.Register(EmbeddingModel.KindName, context => EmbeddingModels.For(context, options));
        var world = new SyntheticWorld(items, (int)(items * usersPerItem), eventsPerUser: 20);
        var clock = Stopwatch.StartNew();
        var (trained, report) = LiveModelTrainer.Train("feed", 1, SyntheticWorld.Start, world.Events(), EmbeddingModel.KindName,
            CatalogSideFile.From(world.CatalogItems()));
        var trainSeconds = clock.Elapsed.TotalSeconds;
        var fit = ((EmbeddingModel)trained.Scorer).LastFit!;
        return new Dictionary<string, object?>
        {
            ["items"] = items, ["users"] = world.Users, ["events"] = report.EventsRead,
            ["registryDevice"] = report.Device,
            ["fitDevice"] = fit.Device,
            ["epochsRun"] = fit.EpochsRun, ["examplesTrained"] = fit.ExamplesTrained, ["rowUpdates"] = fit.RowUpdates,
            ["trainSeconds"] = Math.Round(trainSeconds, 1),
            ["fitSeconds"] = Math.Round(fit.Elapsed.TotalSeconds, 1),
            ["fitProcessorSeconds"] = Math.Round(fit.ProcessorTime.TotalSeconds, 1),
            ["msPerExample"] = Math.Round(fit.Elapsed.TotalMilliseconds / fit.ExamplesTrained, 4),
            ["processorMsPerExample"] = Math.Round(fit.ProcessorTime.TotalMilliseconds / fit.ExamplesTrained, 4),
            ["peakRssMegabytes"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1e6, 1),
        };
    }
}
