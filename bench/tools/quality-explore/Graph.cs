using System.Numerics.Tensors;
using ContentGrains.Core.Vectors;
using MathNet.Numerics.LinearAlgebra;

static class GraphExp
{
    // symmetric kNN graph: w_ij = max(sim) if j in knn(i) or i in knn(j)
    public static Dictionary<int, double>[] Knn(float[][] x, int nn)
    {
        var n = x.Length;
        var adj = Enumerable.Range(0, n).Select(_ => new Dictionary<int, double>()).ToArray();
        var sims = new float[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++) sims[j] = TensorPrimitives.Dot(x[i], x[j]);
            sims[i] = float.NegativeInfinity;
            foreach (var j in Enumerable.Range(0, n).OrderByDescending(j => sims[j]).Take(nn))
            {
                var w = Math.Max(1e-6, sims[j]);
                adj[i][j] = w; adj[j][i] = w;
            }
        }
        return adj;
    }

    public static int[] Louvain(Dictionary<int, double>[] adj, double gamma, int seed)
    {
        var n = adj.Length;
        var membership = Enumerable.Range(0, n).ToArray();
        var g = adj;
        var rnd = new Random(seed);
        while (true)
        {
            var (comm, moved) = LocalMoves(g, gamma, rnd);
            var count = comm.Distinct().Count();
            var relabel = comm.Distinct().Select((c, i) => (c, i)).ToDictionary(t => t.c, t => t.i);
            for (var i = 0; i < n; i++) membership[i] = relabel[comm[membership[i]]];
            if (!moved || count == g.Length) break;
            var ng = Enumerable.Range(0, count).Select(_ => new Dictionary<int, double>()).ToArray();
            for (var u = 0; u < g.Length; u++)
                foreach (var (v, w) in g[u])
                {
                    var a = relabel[comm[u]]; var b = relabel[comm[v]];
                    ng[a][b] = ng[a].GetValueOrDefault(b) + w;
                }
            g = ng;
        }
        return membership;
    }

    static (int[], bool) LocalMoves(Dictionary<int, double>[] g, double gamma, Random rnd)
    {
        var n = g.Length;
        var k = g.Select(d => d.Values.Sum()).ToArray();
        var m2 = k.Sum();
        var comm = Enumerable.Range(0, n).ToArray();
        var tot = (double[])k.Clone();
        var anyMoved = false;
        var order = Enumerable.Range(0, n).ToArray();
        bool moved;
        do
        {
            moved = false;
            rnd.Shuffle(order);
            foreach (var u in order)
            {
                var links = new Dictionary<int, double>();
                foreach (var (v, w) in g[u]) if (v != u) links[comm[v]] = links.GetValueOrDefault(comm[v]) + w;
                var own = comm[u];
                tot[own] -= k[u];
                var best = own; var bestGain = links.GetValueOrDefault(own) - gamma * tot[own] * k[u] / m2;
                foreach (var (c, w) in links)
                {
                    var gain = w - gamma * tot[c] * k[u] / m2;
                    if (gain > bestGain + 1e-12) (best, bestGain) = (c, gain);
                }
                tot[best] += k[u];
                if (best != own) { comm[u] = best; moved = true; anyMoved = true; }
            }
        } while (moved);
        return (comm, anyMoved);
    }

    public static double Modularity(Dictionary<int, double>[] g, int[] c)
    {
        var k = g.Select(d => d.Values.Sum()).ToArray(); var m2 = k.Sum();
        double q = 0; var tot = new Dictionary<int, double>();
        for (var u = 0; u < g.Length; u++) { tot[c[u]] = tot.GetValueOrDefault(c[u]) + k[u]; foreach (var (v, w) in g[u]) if (c[u] == c[v]) q += w; }
        return q / m2 - tot.Values.Sum(t => t * t) / (m2 * m2);
    }

    // spectral embedding: top m eigenvectors of D^-1/2 W D^-1/2 by subspace iteration, rows normalized
    public static float[][] Spectral(Dictionary<int, double>[] g, int m, int iters = 300)
    {
        var n = g.Length;
        var dinv = g.Select(d => 1 / Math.Sqrt(d.Values.Sum())).ToArray();
        var rnd = new Random(1);
        var Q = Matrix<double>.Build.Dense(n, m, (_, _) => rnd.NextDouble() - 0.5);
        for (var t = 0; t < iters; t++)
        {
            var Z = Matrix<double>.Build.Dense(n, m);
            for (var u = 0; u < n; u++)
                foreach (var (v, w) in g[u])
                {
                    var s = w * dinv[u] * dinv[v];
                    for (var j = 0; j < m; j++) Z[u, j] += s * Q[v, j];
                }
            // shift by +I to make the operator positive (eigs in [-1,1] -> [0,2])
            Z = Z + Q;
            Q = Z.QR().Q.SubMatrix(0, n, 0, m);
        }
        return Enumerable.Range(0, n).Select(i => { var v = Q.Row(i).Select(z => (float)z).ToArray(); UnitVector.Normalize(v); return v; }).ToArray();
    }

    public static void Run(float[][] x, List<string> cats)
    {
        foreach (var nn in new[] { 10, 20 })
        {
            var g = Knn(x, nn);
            foreach (var gamma in new[] { 0.5, 1.0 })
            {
                var memb = Louvain(g, gamma, 1);
                Console.WriteLine($"louvain nn={nn} gamma={gamma} k={memb.Distinct().Count()} Q={Modularity(g, memb):F4} nmi={ContentGrains.Core.Topics.NormalizedMutualInformation.Between(memb, cats):F3}");
            }
            var emb = Spectral(g, 30);
            var km = new ContentGrains.Core.Topics.SphericalKMeans(4);
            foreach (var k in new[] { 7, 10, 15, 20, 25, 30 })
            {
                var fit = km.Fit(emb, k, 42);
                Console.WriteLine($"spectral nn={nn} k={k} nmi={ContentGrains.Core.Topics.NormalizedMutualInformation.Between(fit.Assignments, cats):F3}");
            }
        }
    }
}
