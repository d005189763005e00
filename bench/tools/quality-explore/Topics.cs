using System.Numerics.Tensors;
using ContentGrains.Core.Click.Mind;
using ContentGrains.Core.Text;
using ContentGrains.Core.Topics;
using ContentGrains.Core.Vectors;
using MathNet.Numerics.LinearAlgebra;

static class TopicsExp
{
    public static Dictionary<long, float[]> Cache(string path)
    {
        var d = new Dictionary<long, float[]>();
        using var r = new BinaryReader(File.OpenRead(path));
        var dim = r.ReadInt32();
        while (r.BaseStream.Position < r.BaseStream.Length) { var h = r.ReadInt64(); var v = new float[dim]; for (var j = 0; j < dim; j++) v[j] = r.ReadSingle(); d[h] = v; }
        return d;
    }

    public static float[][] Whiten(float[][] x, int m, bool whiten = true)
    {
        var n = x.Length; var d = x[0].Length;
        var mean = CorpusCentre.Of(x);
        var X = Matrix<double>.Build.Dense(n, d, (i, j) => x[i][j] - mean[j]);
        var cov = X.TransposeThisAndMultiply(X) / n;
        var evd = cov.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, d).OrderByDescending(i => evd.EigenValues[i].Real).Take(m).ToArray();
        var P = Matrix<double>.Build.Dense(d, m, (i, j) => evd.EigenVectors[i, order[j]] / (whiten ? Math.Sqrt(evd.EigenValues[order[j]].Real) : 1));
        var Y = X * P;
        return Enumerable.Range(0, n).Select(i => { var v = Y.Row(i).Select(z => (float)z).ToArray(); UnitVector.Normalize(v); return v; }).ToArray();
    }

    public static float[][] Smooth(float[][] x, int nn)
    {
        var n = x.Length;
        var outv = new float[n][];
        var sims = new float[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++) sims[j] = TensorPrimitives.Dot(x[i], x[j]);
            var idx = Enumerable.Range(0, n).OrderByDescending(j => sims[j]).Take(nn + 1).ToArray();
            var v = new float[x[i].Length];
            foreach (var j in idx) TensorPrimitives.Add(v, x[j], v);
            UnitVector.Normalize(v); outv[i] = v;
        }
        return outv;
    }

    public static void Run(string news, string cache)
    {
        var articles = MindReader.ReadNews(news);
        var c = Cache(cache);
        var plain = articles.Select(a => (float[])c[ItemText.Hash(ItemText.For(a.Title, a.Abstract) ?? a.Id)].Clone()).ToArray();
        var cats = articles.Select(a => a.Category).ToList();
        var reps = new List<(string, float[][])> { ("plain", plain), ("centred", plain.Select(v => CorpusCentre.Apply(v, CorpusCentre.Of(plain))).ToArray()) };
        foreach (var m in new[] { 32, 64, 128 }) reps.Add(($"whiten{m}", Whiten(plain, m)));
        reps.Add(("pca64", Whiten(plain, 64, false)));
        reps.Add(("smooth10", Smooth(plain, 10)));
        reps.Add(("whiten64+smooth10", Smooth(Whiten(plain, 64), 10)));
        var km = new SphericalKMeans(4);
        foreach (var (name, x) in reps)
        {
            var sil = new CosineSilhouette(x);
            foreach (var k in new[] { 7, 10, 15, 20, 25, 30 })
            {
                var fit = km.Fit(x, k, 42);
                Console.WriteLine($"{name} k={k} nmi={NormalizedMutualInformation.Between(fit.Assignments, cats):F3} sil={sil.Score(fit.Assignments):F4}");
            }
        }
    }
}
