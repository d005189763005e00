using System.Diagnostics;
using ContentGrains.Core.Data;
using ContentGrains.Core.Embeddings;
using ContentGrains.Core.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace ContentGrains.Training.Embedding;

/// <summary>
/// Trains the towers of <see cref="EmbeddingModel"/> with TorchSharp, on CUDA when libtorch sees a GPU, else on the
/// CPU. Each epoch shuffles the users; each step splits every user of the batch into inputs and targets
/// (<see cref="HistoryBatch"/>), pools the inputs' input vectors into a user vector (their mean), and takes one Adam
/// step on the softmax cross-entropy of the targets among the candidates' output vectors, with id vectors dropped at
/// random. Only items with training interactions are candidates: an item no one has touched is unknown, not disliked.
/// With a validation set it keeps the weights of the best validation NDCG@10 and stops after a few checks without
/// improvement. A run stops at <see cref="EmbeddingOptions.ExampleBudget"/> user examples (the last epoch may be a
/// partial one over a uniform sample of the shuffled users), so its cost is bounded whatever the log's size. Catalogs in
/// the sampled-softmax range update only the id rows a step touched (<see cref="RowAdam"/>).
/// Seeded: on the CPU one seed gives the same weights.
/// </summary>
public sealed class EmbeddingTrainer(EmbeddingOptions? options = null, int seed = 2020) : IEmbeddingTrainer
{
    public EmbeddingOptions Options { get; } = options ?? new EmbeddingOptions();

    public (EmbeddingTowers Towers, EmbeddingFitReport Report) Train(InteractionSet train, ItemMetadata metadata, InteractionSet? validation)
    {
        // What the process freed before the fit (an idle encoder's session, the log reader's pages) goes back to the OS
        // before libtorch's heap grows: glibc keeps it in the arena of the thread that freed it, which the fit may not use.
        TrainingDevice.ReleaseFreedNativeMemory();
        try { return TrainOnDevice(train, metadata, validation); }
        finally { TrainingDevice.ReleaseFreedNativeMemory(); } // the fit's tensors are disposed by now
    }

    private (EmbeddingTowers Towers, EmbeddingFitReport Report) TrainOnDevice(InteractionSet train, ItemMetadata metadata, InteractionSet? validation)
    {
        Options.Validate();
        if (validation is not null && (validation.UserCount != train.UserCount || validation.ItemCount != train.ItemCount))
            throw new ArgumentException("The validation set must share the training set's users and items.", nameof(validation));
        if (metadata.ItemCount != train.ItemCount)
            throw new ArgumentException($"The item metadata has {metadata.ItemCount} items, the interactions {train.ItemCount}.", nameof(metadata));

        var device = TrainingDevice.Pick(Options.Threads);
        var clock = Stopwatch.StartNew();
        var processorTimeAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        var random = new Random(seed);
        var counts = train.ItemCounts();
        var trained = Array.ConvertAll(counts, count => count > 0);
        var trainedItems = Enumerable.Range(0, train.ItemCount).Where(item => trained[item]).ToArray();
        var users = Enumerable.Range(0, train.UserCount).Where(user => train.CountOf(user) >= 2).ToArray();
        if (users.Length == 0)
            throw new InvalidOperationException("Training the embedding model needs at least one user with two or more items.");

        using var features = new ItemFeatureTensors(metadata, device);
        // A sampled softmax touches a few thousand of the items per step: update only their id rows (RowAdam).
        var rowUpdates = trainedItems.Length > Options.SoftmaxItems;
        double? rowRate = rowUpdates ? Options.LearningRate : null;
        using var input = new TorchTower(features, Options.Dimensions, random, device, rowRate);
        using var output = new TorchTower(features, Options.Dimensions, random, device, rowRate);
        using var optimizer = new AdamOptimizer(input.Parameters.Concat(output.Parameters), Options.LearningRate);
        using var step = new SoftmaxStep(input, output, optimizer, Options.L2, Options.TextL2, Options.Dimensions, device);

        var best = (Towers: Snapshot(input, output, trained), Epoch: 0, Ndcg: double.NaN);
        var checksWithoutImprovement = 0;
        var epoch = 0;
        var examples = 0L;
        while (epoch < Options.MaxEpochs && examples < Options.ExampleBudget)
        {
            epoch++;
            random.Shuffle(users);
            for (var start = 0; start < users.Length && examples < Options.ExampleBudget; start += Options.BatchUsers)
            {
                examples += Math.Min(Options.BatchUsers, users.Length - start);
                var batchUsers = users.AsSpan(start, Math.Min(Options.BatchUsers, users.Length - start));
                var batch = HistoryBatch.Build(train, batchUsers, Options.TargetFraction, trainedItems, Options.SoftmaxItems, random);
                step.Run(batch, IdMask(batch.InputItems.Length, random), IdMask(batch.Candidates.Length, random));
            }

            var lastEpoch = epoch == Options.MaxEpochs || examples >= Options.ExampleBudget;
            if (validation is null || (epoch % Options.EvaluateEvery != 0 && !lastEpoch))
                continue;
            var towers = Snapshot(input, output, trained);
            var ndcg = ValidationNdcg(EmbeddingModel.FromTowers(towers, metadata), train, validation);
            if (double.IsNaN(best.Ndcg) || ndcg > best.Ndcg)
            {
                best = (towers, epoch, ndcg);
                checksWithoutImprovement = 0;
            }
            else if (++checksWithoutImprovement > Options.Patience)
                break;
        }

        if (validation is null)
            best = (Snapshot(input, output, trained), epoch, double.NaN);
        var report = new EmbeddingFitReport(epoch, best.Epoch, best.Ndcg, clock.Elapsed,
            Process.GetCurrentProcess().TotalProcessorTime - processorTimeAtStart, TrainingDevice.Name(device), examples, rowUpdates);
        return (best.Towers, report);
    }

    /// <summary>Validation NDCG@10 over every user's training items, training items excluded from the ranking.</summary>
    internal static double ValidationNdcg(EmbeddingModel model, InteractionSet train, InteractionSet validation) =>
        new FullRankingEvaluator(10).Evaluate((user, scores) => model.ScoreHistory(train.ItemsOf(user), scores), validation, [train]).Metrics.Ndcg;

    /// <summary>1 for an id vector kept, 0 for one dropped, with probability <see cref="EmbeddingOptions.IdDropout"/>.</summary>
    private float[] IdMask(int count, Random random)
    {
        var mask = new float[count];
        for (var i = 0; i < count; i++)
            mask[i] = random.NextDouble() < Options.IdDropout ? 0f : 1f;
        return mask;
    }

    private static EmbeddingTowers Snapshot(TorchTower input, TorchTower output, bool[] trained) =>
        new(input.ToArrays(trained), output.ToArrays(trained));
}
