using System.Runtime.InteropServices;
using ContentGrains.Core.Click;
using ContentGrains.Training.Click;

namespace ContentGrains.Bench.Gpu;

/// <summary>
/// The live click model (<see cref="TorchClickModelTrainer.LiveOptions"/> through <see cref="ClickTrainer"/>, as the live
/// trainer fits it) on generated impressions whose click chance is known: 10 candidates each, features drawn from
/// N(0, 1), click logit −2 + x₀ − 0.8 x₁ + 0.6 x₂x₃ + 0.5 x₄ (one product term, so the MLP has something a line
/// cannot fit). The newest 20 % are held out; their group AUC is set beside the oracle's (the true logit's).
/// The ONNX export, the held-out rows and TorchSharp's scores of them are written to the work folder for
/// bench/tools/gpu_onnx_compare.py (ONNX Runtime), since this bundle carries no ONNX Runtime.
/// </summary>
internal static class ClickRun
{
    private const int Impressions = 5000;
    private const int Candidates = 10;

    public static Dictionary<string, object?> Run(string work, string device, int threads)
    {
        var impressions = Generate(new Random(11));
        var heldOut = Impressions / 5;
        var fit = impressions[..^heldOut];
        var test = impressions[^heldOut..];
        var result = ClickTrainer.Train(fit, TorchClickModelTrainer.LiveOptions with { Threads = threads }, seed: 2020);
        var version = ClickOnnxExport.ContentVersion(result.Weights);
        using var scorer = new TorchClickScorer(result.Weights, version);
        var metrics = ClickMetrics.Of(test, scorer.Score, probabilities: true);
        var oracle = ClickMetrics.Of(test, rows => TrueLogits(rows), probabilities: false);

        var rows = test.SelectMany(i => i.Rows).ToArray();
        var prefix = Path.Combine(work, $"click-{device}");
        File.WriteAllBytes(prefix + ".onnx", ClickOnnxExport.ToBytes(result.Weights, version));
        File.WriteAllBytes(prefix + "-rows.f32", MemoryMarshal.AsBytes(rows.AsSpan()).ToArray());
        File.WriteAllBytes(prefix + "-torch.f32", MemoryMarshal.AsBytes(scorer.Score(rows).AsSpan()).ToArray());
        return new Dictionary<string, object?>
        {
            ["model"] = $"live click model: {TorchClickModelTrainer.LiveOptions}",
            ["device"] = result.Report.Device,
            ["rows"] = result.Report.Rows,
            ["fitSeconds"] = Math.Round(result.Report.Elapsed.TotalSeconds, 2),
            ["trainLogLoss"] = Math.Round(result.Report.TrainLogLoss, 4),
            ["heldOutImpressions"] = heldOut,
            ["heldOutGroupAuc"] = Math.Round(metrics.GroupAuc, 4),
            ["heldOutLogLoss"] = Math.Round(metrics.LogLoss ?? double.NaN, 4),
            ["oracleGroupAuc"] = Math.Round(oracle.GroupAuc, 4),
            ["onnx"] = prefix + ".onnx",
            ["onnxVersion"] = version,
        };
    }

    private static List<ClickImpression> Generate(Random random)
    {
        var features = ClickFeatures.Count;
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var impressions = new List<ClickImpression>(Impressions);
        for (var i = 0; i < Impressions; i++)
        {
            var rows = new float[Candidates * features];
            for (var k = 0; k < rows.Length; k++) rows[k] = (float)Normal(random);
            var logits = TrueLogits(rows);
            var labels = logits.Select(z => random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1f : 0f).ToArray();
            impressions.Add(new ClickImpression($"g{i}", start.AddMinutes(i), rows, labels));
        }
        return impressions;
    }

    private static float[] TrueLogits(float[] rows)
    {
        var features = ClickFeatures.Count;
        var logits = new float[rows.Length / features];
        for (var r = 0; r < logits.Length; r++)
        {
            var x = rows.AsSpan(r * features, features);
            logits[r] = -2f + x[0] - 0.8f * x[1] + 0.6f * x[2] * x[3] + 0.5f * x[4];
        }
        return logits;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
