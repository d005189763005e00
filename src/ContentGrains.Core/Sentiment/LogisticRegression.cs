namespace ContentGrains.Core.Sentiment;

/// <summary>
/// Binary logistic regression over <see cref="SentimentFeatures"/> (dense block, then the hashed sparse block) with an
/// L2 penalty, fitted by full-batch Nesterov-accelerated gradient descent with the step 1 / L, where L = 0.25 λ + l2
/// bounds the loss's curvature and λ is the largest eigenvalue of XᵀX / n (bias column included), found by power
/// iteration with a 10% margin. Sentence vectors share a large common direction, so λ is far below the bound
/// max ‖x‖² = 3 and the measured step is several times longer than the bound's.
/// </summary>
public sealed class LogisticRegression(double[] dense, double[] sparse, double bias)
{
    public double[] DenseWeights { get; } = dense;
    public double[] SparseWeights { get; } = sparse;
    public double Bias { get; } = bias;

    /// <summary>P(positive).</summary>
    public double Probability(SentimentFeatures x) => Sigmoid(Margin(DenseWeights, SparseWeights, Bias, x));

    public static LogisticRegression Fit(IReadOnlyList<SentimentFeatures> xs, IReadOnlyList<bool> ys, double l2, int iterations = 600)
    {
        if (xs.Count == 0 || xs.Count != ys.Count) throw new ArgumentException("needs as many labels as examples, at least one", nameof(xs));
        var d = xs[0].Dense.Length;
        var s = TfIdfVocabulary.Buckets;
        var size = d + s + 1; // weights: dense, sparse, bias last
        double[] w = new double[size], previous = new double[size], look = new double[size], gradient = new double[size];
        var step = 1.0 / (0.25 * 1.1 * LargestEigenvalue(xs, d, size) + l2);
        for (var t = 1; t <= iterations; t++)
        {
            var momentum = (t - 1.0) / (t + 2.0);
            for (var j = 0; j < size; j++) look[j] = w[j] + momentum * (w[j] - previous[j]);
            Gradient(xs, ys, look, d, l2, gradient);
            Array.Copy(w, previous, size);
            for (var j = 0; j < size; j++) w[j] = look[j] - step * gradient[j];
        }
        return new LogisticRegression(w[..d], w[d..(d + s)], w[^1]);
    }

    /// <summary>The largest eigenvalue of XᵀX / n with a constant 1 column for the bias, by 30 rounds of power iteration.</summary>
    public static double LargestEigenvalue(IReadOnlyList<SentimentFeatures> xs, int d, int size)
    {
        var v = new double[size];
        Array.Fill(v, 1 / Math.Sqrt(size));
        var u = new double[size];
        var lambda = 0.0;
        for (var round = 0; round < 30; round++)
        {
            Array.Clear(u);
            foreach (var x in xs)
            {
                var z = Margin(v.AsSpan(0, d), v.AsSpan(d, TfIdfVocabulary.Buckets), v[^1], x);
                for (var j = 0; j < d; j++) u[j] += z * x.Dense[j];
                for (var k = 0; k < x.SparseIndex.Length; k++) u[d + x.SparseIndex[k]] += z * x.SparseValue[k];
                u[^1] += z;
            }
            lambda = Math.Sqrt(u.Sum(e => e * e)) / xs.Count;
            if (lambda == 0) return 0;
            for (var j = 0; j < size; j++) v[j] = u[j] / (lambda * xs.Count);
        }
        return lambda;
    }

    private static void Gradient(IReadOnlyList<SentimentFeatures> xs, IReadOnlyList<bool> ys, double[] w, int d, double l2, double[] gradient)
    {
        Array.Clear(gradient);
        var dense = w.AsSpan(0, d);
        var sparse = w.AsSpan(d, TfIdfVocabulary.Buckets);
        for (var i = 0; i < xs.Count; i++)
        {
            var x = xs[i];
            var error = Sigmoid(Margin(dense, sparse, w[^1], x)) - (ys[i] ? 1 : 0);
            for (var j = 0; j < d; j++) gradient[j] += error * x.Dense[j];
            for (var k = 0; k < x.SparseIndex.Length; k++) gradient[d + x.SparseIndex[k]] += error * x.SparseValue[k];
            gradient[^1] += error;
        }
        for (var j = 0; j < gradient.Length; j++) gradient[j] = gradient[j] / xs.Count + (j < gradient.Length - 1 ? l2 * w[j] : 0);
    }

    private static double Margin(ReadOnlySpan<double> dense, ReadOnlySpan<double> sparse, double bias, SentimentFeatures x)
    {
        var z = bias;
        for (var j = 0; j < x.Dense.Length; j++) z += dense[j] * x.Dense[j];
        for (var k = 0; k < x.SparseIndex.Length; k++) z += sparse[x.SparseIndex[k]] * x.SparseValue[k];
        return z;
    }

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
