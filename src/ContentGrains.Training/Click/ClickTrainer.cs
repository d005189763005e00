using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace ContentGrains.Training.Click;

/// <summary>
/// Fits a <see cref="ClickNetwork"/> on labelled rows by minimising the mean log-loss (+ L2 on the weights) with the
/// project's <see cref="AdamOptimizer"/>, over shuffled mini-batches. The inputs are standardised with statistics of the
/// training rows, which the weights keep. Deterministic for a seed on the CPU.
/// </summary>
public static class ClickTrainer
{
    public sealed record Result(ClickModelWeights Weights, ClickFitReport Report);

    /// <param name="afterEpoch">Called with the epoch (from 1) and the weights after it; used to pick the epoch count on validation.</param>
    public static Result Train(float[] rows, float[] labels, ClickModelOptions options, int seed, Action<int, ClickModelWeights>? afterEpoch = null)
    {
        options.Validate();
        var features = Core.Click.ClickFeatures.Count;
        if (labels.Length == 0 || rows.Length != labels.Length * features)
            throw new ArgumentException($"rows: expected {labels.Length} rows × {features} features = {labels.Length * features} values, got {rows.Length}", nameof(rows));

        var clock = Stopwatch.StartNew();
        var device = TrainingDevice.Pick(options.Threads);
        var random = new Random(seed);
        var (mean, scale) = FeatureStandardisation.Fit(rows, features);
        var standardised = FeatureStandardisation.Apply(rows, mean, scale);
        using var network = ClickNetwork.Initialise(features, options.Hidden, random, device);
        using var optimizer = new AdamOptimizer(network.Parameters, options.LearningRate);
        using var l2 = options.L2.ToScalar();

        var order = Enumerable.Range(0, labels.Length).ToArray();
        var lastEpochLoss = 0.0;
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            random.Shuffle(order);
            var lossSum = 0.0;
            for (var start = 0; start < order.Length; start += options.BatchSize)
            {
                var batch = order.AsSpan(start, Math.Min(options.BatchSize, order.Length - start));
                lossSum += Step(network, optimizer, standardised, labels, batch, features, device, l2) * batch.Length;
            }
            lastEpochLoss = lossSum / order.Length;
            afterEpoch?.Invoke(epoch, network.ToWeights(mean, scale));
        }
        var report = new ClickFitReport(TrainingDevice.Name(device), labels.Length, options.Epochs, lastEpochLoss, clock.Elapsed);
        return new Result(network.ToWeights(mean, scale), report);
    }

    /// <summary>One Adam step on a batch; returns the batch's mean log-loss (without the penalty).</summary>
    private static double Step(ClickNetwork network, AdamOptimizer optimizer, float[] rows, float[] labels, ReadOnlySpan<int> batch, int features, Device device, Scalar l2)
    {
        using var scope = torch.NewDisposeScope();
        var batchRows = new float[batch.Length * features];
        var batchLabels = new float[batch.Length];
        for (var b = 0; b < batch.Length; b++)
        {
            rows.AsSpan(batch[b] * features, features).CopyTo(batchRows.AsSpan(b * features));
            batchLabels[b] = labels[batch[b]];
        }
        var input = torch.tensor(batchRows, [batch.Length, features]).to(device);
        var target = torch.tensor(batchLabels).to(device);
        var logLoss = torch.nn.functional.binary_cross_entropy_with_logits(network.Logits(input), target);
        var loss = logLoss.add(network.SquaredWeights(), l2);

        optimizer.ZeroGrad();
        loss.backward();
        optimizer.Step();
        return logLoss.item<float>();
    }
}
