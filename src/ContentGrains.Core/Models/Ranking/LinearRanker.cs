namespace ContentGrains.Core.Models.Ranking;

/// <summary>
/// A linear LambdaRank ranker: score = Σ_f w_f·(x_f − mean_f)/sd_f, with w fit by Adam ascent along the LambdaRank
/// gradients. On its own it is a learned weighted blend of the base scorers; <see cref="GradientBoostedRanker"/>
/// starts from it, so the trees only learn what a weighted sum misses (and need not rebuild EASE's fine order
/// out of binned thresholds).
/// </summary>
public sealed class LinearRanker
{
    private readonly float[] mean;
    private readonly float[] scale; // 1 / sd, 0 for a constant feature
    private readonly float[] weights;

    private LinearRanker(float[] mean, float[] scale, float[] weights)
    {
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
    }

    public int FeatureCount => weights.Length;

    /// <summary>The weight of each standardized feature.</summary>
    public IReadOnlyList<float> Weights => weights;

    public static LinearRanker Fit(RankingData data, int iterations, double learningRate = 0.05, int truncation = 20)
    {
        var f = data.FeatureCount;
        var (mean, scale) = Standardization(data);
        var weights = new float[f];
        var model = new LinearRanker(mean, scale, weights);
        var scores = new double[data.RowCount];
        var gradients = new double[data.RowCount];
        var hessians = new double[data.RowCount];
        var (m, v) = (new double[f], new double[f]);
        const double beta1 = 0.9, beta2 = 0.999;
        for (var t = 1; t <= iterations; t++)
        {
            for (var r = 0; r < data.RowCount; r++)
                scores[r] = model.Predict(data.Row(r));
            LambdaRank.Gradients(data, scores, gradients, hessians, truncation);
            var step = new double[f];
            for (var r = 0; r < data.RowCount; r++)
            {
                if (gradients[r] == 0)
                    continue;
                var row = data.Row(r);
                for (var j = 0; j < f; j++)
                    step[j] += gradients[r] * (row[j] - mean[j]) * scale[j];
            }
            for (var j = 0; j < f; j++)
            {
                var g = step[j] / data.GroupCount;
                m[j] = beta1 * m[j] + (1 - beta1) * g;
                v[j] = beta2 * v[j] + (1 - beta2) * g * g;
                var mHat = m[j] / (1 - Math.Pow(beta1, t));
                var vHat = v[j] / (1 - Math.Pow(beta2, t));
                weights[j] += (float)(learningRate * mHat / (Math.Sqrt(vHat) + 1e-8));
            }
        }
        return model;
    }

    public float Predict(ReadOnlySpan<float> row)
    {
        var sum = 0f;
        for (var j = 0; j < weights.Length; j++)
            sum += weights[j] * (row[j] - mean[j]) * scale[j];
        return sum;
    }

    private static (float[] Mean, float[] Scale) Standardization(RankingData data)
    {
        var f = data.FeatureCount;
        var (sum, squares) = (new double[f], new double[f]);
        for (var r = 0; r < data.RowCount; r++)
        {
            var row = data.Row(r);
            for (var j = 0; j < f; j++)
            {
                sum[j] += row[j];
                squares[j] += (double)row[j] * row[j];
            }
        }
        var n = Math.Max(1, data.RowCount);
        var mean = new float[f];
        var scale = new float[f];
        for (var j = 0; j < f; j++)
        {
            mean[j] = (float)(sum[j] / n);
            var variance = squares[j] / n - mean[j] * (double)mean[j];
            scale[j] = variance > 1e-12 ? (float)(1 / Math.Sqrt(variance)) : 0f;
        }
        return (mean, scale);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(weights.Length);
        for (var j = 0; j < weights.Length; j++)
        {
            writer.Write(mean[j]);
            writer.Write(scale[j]);
            writer.Write(weights[j]);
        }
    }

    public static LinearRanker Read(BinaryReader reader)
    {
        var f = reader.ReadInt32();
        var (mean, scale, weights) = (new float[f], new float[f], new float[f]);
        for (var j = 0; j < f; j++)
        {
            mean[j] = reader.ReadSingle();
            scale[j] = reader.ReadSingle();
            weights[j] = reader.ReadSingle();
        }
        return new LinearRanker(mean, scale, weights);
    }
}
