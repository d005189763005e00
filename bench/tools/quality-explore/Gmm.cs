using ContentGrains.Core.Topics;

// Gaussian mixture (diagonal covariances) over PCA-whitened MiniLM vectors, k chosen by BIC (a measure; the categories
// only score NMI). Initialised from spherical k-means; 60 EM steps; variance floor 1e-3.
static class GmmExp
{
    public static void Run(float[][] plain, List<string> cats)
    {
        foreach (var m in new[] { 16, 32 })
        {
            var x = TopicsExp.Whiten(plain, m).Select(v => v.Select(f => (double)f).ToArray()).ToArray();
            var best = (Bic: double.MaxValue, K: 0, Nmi: 0.0);
            foreach (var k in new[] { 5, 7, 10, 15, 20, 25, 30 })
            {
                var init = new SphericalKMeans(2).Fit(x.Select(v => v.Select(d => (float)d).ToArray()).ToArray(), k, 42).Assignments;
                var (assign, logL) = Fit(x, k, init);
                var p = k * 2.0 * m + (k - 1);
                var bic = -2 * logL + p * Math.Log(x.Length);
                var nmi = NormalizedMutualInformation.Between(assign, cats);
                Console.WriteLine($"gmm whiten{m} k={k} bic={bic:F0} nmi={nmi:F3}");
                if (bic < best.Bic) best = (bic, k, nmi);
            }
            Console.WriteLine($"gmm whiten{m}: BIC chooses k={best.K}, nmi={best.Nmi:F3}");
        }
    }

    static (int[], double) Fit(double[][] x, int k, int[] init)
    {
        int n = x.Length, d = x[0].Length;
        var r = new double[n, k];
        for (var i = 0; i < n; i++) r[i, init[i]] = 1;
        var logL = 0.0;
        for (var step = 0; step < 60; step++)
        {
            var w = new double[k]; var mu = new double[k, d]; var v = new double[k, d];
            for (var c = 0; c < k; c++)
            {
                for (var i = 0; i < n; i++) { w[c] += r[i, c]; for (var j = 0; j < d; j++) mu[c, j] += r[i, c] * x[i][j]; }
                var nc = Math.Max(w[c], 1e-9);
                for (var j = 0; j < d; j++) mu[c, j] /= nc;
                for (var i = 0; i < n; i++) for (var j = 0; j < d; j++) { var e = x[i][j] - mu[c, j]; v[c, j] += r[i, c] * e * e; }
                for (var j = 0; j < d; j++) v[c, j] = v[c, j] / nc + 1e-3;
                w[c] = nc / n;
            }
            logL = 0;
            var lp = new double[k];
            for (var i = 0; i < n; i++)
            {
                for (var c = 0; c < k; c++)
                {
                    var s = Math.Log(Math.Max(w[c], 1e-300));
                    for (var j = 0; j < d; j++) { var e = x[i][j] - mu[c, j]; s -= 0.5 * (Math.Log(2 * Math.PI * v[c, j]) + e * e / v[c, j]); }
                    lp[c] = s;
                }
                var max = lp.Max(); var sum = lp.Sum(z => Math.Exp(z - max));
                logL += max + Math.Log(sum);
                for (var c = 0; c < k; c++) r[i, c] = Math.Exp(lp[c] - max) / sum;
            }
        }
        return (Enumerable.Range(0, n).Select(i => Enumerable.Range(0, k).MaxBy(c => r[i, c])).ToArray(), logL);
    }
}
