using ContentGrains.Core.Data;
using ContentGrains.Core.Evaluation;
using ContentGrains.Core.Models;
using ContentGrains.Training.Embedding;

namespace ContentGrains.Bench.Gpu;

/// <summary>
/// The embedding model (<see cref="EmbeddingModels"/>, default options, early stopping on the validation set, seed 2020)
/// on RecBole's given ml-100k split, with genre tags from <c>ml-100k.item</c> but no text vectors (MiniLM stays out of
/// this bundle), scored on the test set over every item as <c>contentgrains evaluate</c> scores it.
/// </summary>
internal static class Ml100kRun
{
    public const int Seed = 2020;

    public static Dictionary<string, object?> Run(string folder, int threads)
    {
        var split = GivenSplit.Load(folder, "ml-100k");
        var itemFile = AtomicFile.Read(Path.Combine(folder, "ml-100k.item"));
        var model = EmbeddingModels.For(ModelContext.Of(split, itemFile, seed: Seed), new EmbeddingOptions { Threads = threads });
        model.Fit(split.Train);
        var fit = model.LastFit!;
        var test = new FullRankingEvaluator(10).EvaluateTest(model, split).Metrics;
        return new Dictionary<string, object?>
        {
            ["model"] = "embedding, default options, genre tags, no text vectors, seed 2020",
            ["device"] = fit.Device,
            ["epochsRun"] = fit.EpochsRun,
            ["bestEpoch"] = fit.BestEpoch,
            ["examplesTrained"] = fit.ExamplesTrained,
            ["fitSeconds"] = Math.Round(fit.Elapsed.TotalSeconds, 2),
            ["fitProcessorSeconds"] = Math.Round(fit.ProcessorTime.TotalSeconds, 2),
            ["msPerExample"] = Math.Round(fit.Elapsed.TotalMilliseconds / fit.ExamplesTrained, 4),
            ["validNdcg10"] = Math.Round(fit.BestValidationNdcg, 4),
            ["testNdcg10"] = Math.Round(test.Ndcg, 4),
            ["testRecall10"] = Math.Round(test.Recall, 4),
        };
    }
}
