namespace ContentGrains.Training.Click;

/// <summary>
/// Per-feature (x − mean) · scale with scale = 1 / standard deviation, fitted on training rows. A feature constant in
/// training gets scale 0: the model never saw it vary, so its first-layer weights kept their random start (the
/// standardised input was 0 in every row), and at serving a value different from the training one would have moved
/// the score through those untrained weights. The first click model after an embedding model appears is such a case:
/// every feed it learned from was shown before any embedding model existed, so its embedding score was always
/// missing, while at serving the score is there.
/// </summary>
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
            scale[f] = deviation > 1e-6 ? (float)(1 / deviation) : 0f;
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
