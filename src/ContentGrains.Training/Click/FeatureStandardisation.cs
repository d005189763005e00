namespace ContentGrains.Training.Click;

/// <summary>Per-feature (x − mean) · scale with scale = 1 / standard deviation (1 for a constant feature), fitted on training rows.</summary>
internal static class FeatureStandardisation
{
    public static (float[] Mean, float[] Scale) Fit(float[] rows, int features)
    {
        var count = rows.Length / features;
        var mean = new double[features];
        var squares = new double[features];
        for (var r = 0; r < count; r++)
            for (var f = 0; f < features; f++)
            {
                double x = rows[r * features + f];
                mean[f] += x;
                squares[f] += x * x;
            }
        var scale = new float[features];
        for (var f = 0; f < features; f++)
        {
            mean[f] /= count;
            var deviation = Math.Sqrt(Math.Max(0, squares[f] / count - mean[f] * mean[f]));
            scale[f] = deviation > 1e-6 ? (float)(1 / deviation) : 1f;
        }
        return (mean.Select(m => (float)m).ToArray(), scale);
    }

    public static float[] Apply(float[] rows, float[] mean, float[] scale)
    {
        var features = mean.Length;
        if (rows.Length % features != 0)
            throw new ArgumentException($"rows: {rows.Length} values is not a whole number of {features}-feature rows", nameof(rows));
        var result = new float[rows.Length];
        for (var i = 0; i < rows.Length; i++)
            result[i] = (rows[i] - mean[i % features]) * scale[i % features];
        return result;
    }
}
