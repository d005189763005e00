using System.Diagnostics;
using ContentGrains.Core.Click;
using TorchSharp;
using static TorchSharp.torch;

namespace ContentGrains.Training.Click;

/// <summary>
/// Fits a <see cref="ClickNetwork"/> on logged impressions with the project's <see cref="AdamOptimizer"/>, over
/// shuffled mini-batches of whole impressions. The loss is the mean log-loss of every candidate (so the output is a
/// probability) plus, weighted by <see cref="ClickModelOptions.ListwiseWeight"/>, a listwise term: the cross-entropy
/// between each impression's softmax over its candidates and its clicks, which rewards ranking the clicked candidates
/// of one impression above the others (what group AUC and nDCG measure) rather than predicting who clicks at all;
/// plus L2 on the weights. Inputs are standardised with the training rows' statistics, which the weights keep.
/// With <see cref="ClickModelOptions.Members"/> above 1, that many models are fitted from consecutive seeds and merged
/// (<see cref="ClickEnsemble"/>). Deterministic for a seed on the CPU.
/// </summary>
public static class ClickTrainer
{
    public sealed record Result(ClickModelWeights Weights, ClickFitReport Report);

    /// <param name="afterEpoch">Called with the epoch (from 1) and the weights after it (every member's, merged); used to pick the epoch count on validation.</param>
    public static Result Train(IReadOnlyList<ClickImpression> impressions, ClickModelOptions options, int seed, Action<int, ClickModelWeights>? afterEpoch = null)
    {
        options.Validate();
        if (impressions.Count == 0) throw new ArgumentException("no impressions to train on", nameof(impressions));
        var clock = Stopwatch.StartNew();
        var device = TrainingDevice.Pick(options.Threads);
        var data = TrainingData.Of(impressions);
        var epochs = Enumerable.Range(0, options.Epochs).Select(_ => new List<ClickModelWeights>()).ToArray();
        var lossSum = 0.0;
        for (var member = 0; member < options.Members; member++)
            lossSum += FitMember(data, options, seed + member, device, (epoch, weights) => epochs[epoch - 1].Add(weights), keepEvery: afterEpoch is not null);
        if (afterEpoch is not null)
            for (var epoch = 1; epoch <= options.Epochs; epoch++) afterEpoch(epoch, ClickEnsemble.Merge(epochs[epoch - 1]));
        var report = new ClickFitReport(TrainingDevice.Name(device), data.Labels.Length, options.Epochs, lossSum / options.Members, clock.Elapsed);
        return new Result(ClickEnsemble.Merge(epochs[^1]), report);
    }

    /// <summary>Trains one member from <paramref name="seed"/>, handing over its weights after every epoch (or only the last); returns its last epoch's mean log-loss.</summary>
    private static double FitMember(TrainingData data, ClickModelOptions options, int seed, Device device, Action<int, ClickModelWeights> keep, bool keepEvery)
    {
        var random = new Random(seed);
        var impressions = data.Impressions;
        using var network = ClickNetwork.Initialise(ClickFeatures.Count, options.Hidden, data.Labels.Average(), random, device);
        using var optimizer = new AdamOptimizer(network.Parameters, options.LearningRate);
        using var constants = new LossConstants(options);

        var order = Enumerable.Range(0, impressions.Count).ToArray();
        var lastEpochLoss = 0.0;
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            random.Shuffle(order);
            double lossSum = 0;
            for (var start = 0; start < order.Length; start += options.ImpressionsPerBatch)
            {
                var batch = order.AsSpan(start, Math.Min(options.ImpressionsPerBatch, order.Length - start));
                var rowsInBatch = 0;
                foreach (var i in batch) rowsInBatch += impressions[i].CandidateCount;
                lossSum += Step(network, optimizer, ImpressionBatch.Of(impressions, data.Starts, batch, data.Standardised, data.Labels), device, constants) * rowsInBatch;
            }
            lastEpochLoss = lossSum / data.Labels.Length;
            if (keepEvery || epoch == options.Epochs) keep(epoch, network.ToWeights(data.Mean, data.Scale));
        }
        return lastEpochLoss;
    }

    /// <summary>The impressions' rows stacked and standardised once, shared by every member.</summary>
    private sealed record TrainingData(IReadOnlyList<ClickImpression> Impressions, float[] Standardised, float[] Labels, float[] Mean, float[] Scale, int[] Starts)
    {
        public static TrainingData Of(IReadOnlyList<ClickImpression> impressions)
        {
            var (rows, labels) = ClickRows.Stack(impressions);
            var (mean, scale) = FeatureStandardisation.Fit(rows, ClickFeatures.Count);
            return new TrainingData(impressions, FeatureStandardisation.Apply(rows, mean, scale), labels, mean, scale, RowStarts(impressions));
        }
    }

    /// <summary>One Adam step on a batch; returns the batch's mean log-loss (without the listwise and L2 terms).</summary>
    private static double Step(ClickNetwork network, AdamOptimizer optimizer, ImpressionBatch batch, Device device, LossConstants constants)
    {
        using var scope = torch.NewDisposeScope();
        var logits = network.Logits(torch.tensor(batch.Rows, [batch.Labels.Length, ClickFeatures.Count]).to(device));
        var logLoss = torch.nn.functional.binary_cross_entropy_with_logits(logits, torch.tensor(batch.Labels).to(device));
        var loss = logLoss.add(network.SquaredWeights(), constants.L2);
        if (constants.HasListwise && batch.ClickedImpressions > 0)
            loss = loss.add(ListwiseLoss(logits, batch, device, constants), constants.ListwiseWeight);

        optimizer.ZeroGrad();
        loss.backward();
        optimizer.Step();
        return logLoss.item<float>();
    }

    /// <summary>Mean over the batch's impressions with a click of −Σ target · log softmax(logits), target = clicks / their count.</summary>
    private static Tensor ListwiseLoss(Tensor logits, ImpressionBatch batch, Device device, LossConstants constants)
    {
        var shape = new long[] { batch.ImpressionCount, batch.Width };
        var padded = logits.index_select(0, torch.tensor(batch.PaddedIndex).to(device)).view(shape)
            .masked_fill(torch.tensor(batch.PaddingMask, shape).to(device), constants.Padding);
        var logSoftmax = torch.nn.functional.log_softmax(padded, 1);
        using var impressionsWithClicks = ((double)batch.ClickedImpressions).ToScalar();
        return logSoftmax.mul(torch.tensor(batch.Targets, shape).to(device)).sum().neg().div(impressionsWithClicks);
    }

    private static int[] RowStarts(IReadOnlyList<ClickImpression> impressions)
    {
        var starts = new int[impressions.Count];
        for (var i = 1; i < impressions.Count; i++) starts[i] = starts[i - 1] + impressions[i - 1].CandidateCount;
        return starts;
    }

    /// <summary>The loss's constants as explicit Scalars held for the whole fit (TorchSharp 0.107.0's implicit ones crash at random).</summary>
    private sealed class LossConstants(ClickModelOptions options) : IDisposable
    {
        public Scalar L2 { get; } = options.L2.ToScalar();
        public Scalar ListwiseWeight { get; } = options.ListwiseWeight.ToScalar();
        public Scalar Padding { get; } = (-1e9).ToScalar();
        public bool HasListwise { get; } = options.ListwiseWeight > 0;

        public void Dispose()
        {
            L2.Dispose();
            ListwiseWeight.Dispose();
            Padding.Dispose();
        }
    }
}
