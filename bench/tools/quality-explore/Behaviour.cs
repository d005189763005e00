using System.Diagnostics;
using System.Numerics.Tensors;
using System.Text.Json;
using ContentGrains.Core.Click.Mind;
using ContentGrains.Core.Topics;
using ContentGrains.Core.Vectors;
using MathNet.Numerics.LinearAlgebra;

// Topics, round 3 (issue 8 targets): what people read together as a second signal next to MiniLM. Each person's
// baskets are the union of their history and clicks in behaviors.tsv; item vectors are the truncated SVD of the PPMI
// of co-reading over every item read (not only news.tsv's), then combined with MiniLM; articles no one read keep the
// MiniLM vector alone. k by cosine silhouette over 5..40 as shipped; several seeds to see the restart noise.
static class BehaviourExp
{
    static readonly int[] FixedK = [7, 10, 15, 20, 25, 30];

    public static void Run(float[][] text, List<string> cats, string news, string behaviors, string? outPath, int seeds)
    {
        var ids = MindReader.ReadNews(news).Select(a => a.Id).ToList();
        var sw = Stopwatch.StartNew();
        var baskets = Baskets(behaviors);
        var coverage = Coverage(ids, baskets);
        Console.WriteLine(JsonSerializer.Serialize(coverage));
        var results = new List<object>();
        var coread = CoReadVectors(baskets, ids, 64, out var itemCount);
        Console.WriteLine($"co-read SVD dims=64 items={itemCount} {sw.Elapsed.TotalSeconds:F0}s");
        var read = coverage.Read;
        results.Add(Subset("read articles", text, coread, cats, Enumerable.Range(0, ids.Count).Where(i => read[i]).ToArray()));
        var direct = DirectCoRead(baskets, ids);
        var imputed = Impute(text, coread, read, 10);
        var variants = new List<(string Name, Func<float[][]> Vectors)>
        {
            ("MiniLM alone (shipped)", () => text),
        };
        foreach (var w in new[] { 0.2, 0.35 })
            variants.Add(($"MiniLM + co-read PPMI-SVD 64, weight {w}, unread articles' co-read block imputed from their 10 nearest read (MiniLM)", () => text.Select((v, i) => WordVectors.Combine(v, imputed[i], w)).ToArray()));
        foreach (var a in new[] { 0.5, 1.0 })
            variants.Add(($"MiniLM averaged with its 10 nearest read articles in co-read space, alpha {a}", () => SmoothByCoReadNeighbours(text, coread, read, 10, a)));
        foreach (var a in new[] { 0.5, 1.0 })
            variants.Add(($"MiniLM smoothed over the direct co-read graph inside news.tsv, alpha {a}", () => SmoothOverGraph(text, direct, a)));
        foreach (var (name, make) in variants)
        {
            var x = make();
            results.Add(Sweep(name, x, cats, coverage.ReadArticles, seeds, sw));
        }
        results.Add(GraphUnion(text, direct, cats));
        if (outPath is null) return;
        File.WriteAllText(outPath, JsonSerializer.Serialize(new { coverage, results }, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"wrote {outPath}");
    }

    /// <summary>Each person's distinct items: history and clicked candidates over all their impressions.</summary>
    public static List<HashSet<string>> Baskets(string behaviors)
    {
        var byPerson = new Dictionary<string, HashSet<string>>();
        foreach (var impression in MindReader.ReadBehaviors(behaviors))
        {
            if (!byPerson.TryGetValue(impression.UserId, out var basket)) byPerson[impression.UserId] = basket = [];
            basket.UnionWith(impression.History);
            basket.UnionWith(impression.Candidates.Where(c => c.Clicked).Select(c => c.NewsId));
        }
        return byPerson.Values.ToList();
    }

    public sealed record CoverageFigures(int People, int ItemsRead, int Articles, int ReadArticles, int ReadByTwoOrMore, int ReadByFiveOrMore,
        int ReadByTenOrMore, int PeopleWithTwoArticles, int ArticlePairsCoRead, [property: System.Text.Json.Serialization.JsonIgnore] bool[] Read);

    static CoverageFigures Coverage(List<string> ids, List<HashSet<string>> baskets)
    {
        var readers = new Dictionary<string, int>();
        foreach (var b in baskets) foreach (var item in b) readers[item] = readers.GetValueOrDefault(item) + 1;
        var counts = ids.Select(id => readers.GetValueOrDefault(id)).ToArray();
        var idSet = ids.ToHashSet();
        var perPerson = baskets.Select(b => b.Count(idSet.Contains)).ToList();
        return new CoverageFigures(baskets.Count, readers.Count, ids.Count, counts.Count(c => c > 0), counts.Count(c => c >= 2), counts.Count(c => c >= 5),
            counts.Count(c => c >= 10), perPerson.Count(c => c >= 2), DirectPairs(baskets, ids), counts.Select(c => c > 0).ToArray());
    }

    static int DirectPairs(List<HashSet<string>> baskets, List<string> ids)
    {
        var idSet = ids.ToHashSet();
        var pairs = new HashSet<(string, string)>();
        foreach (var b in baskets)
        {
            var inside = b.Where(idSet.Contains).Order(StringComparer.Ordinal).ToList();
            for (var i = 0; i < inside.Count; i++) for (var j = i + 1; j < inside.Count; j++) pairs.Add((inside[i], inside[j]));
        }
        return pairs.Count;
    }

    /// <summary>
    /// PPMI of co-reading (symmetric, so its eigenvectors are its singular vectors), truncated SVD by randomized
    /// subspace iteration, vectors U·√S unit length; news.tsv's articles no one read get a zero vector.
    /// </summary>
    public static float[][] CoReadVectors(List<HashSet<string>> baskets, List<string> ids, int dims, out int itemCount)
    {
        var index = new Dictionary<string, int>();
        foreach (var b in baskets) foreach (var item in b) index.TryAdd(item, index.Count);
        itemCount = index.Count;
        var co = Enumerable.Range(0, index.Count).Select(_ => new Dictionary<int, float>()).ToArray();
        foreach (var b in baskets)
        {
            var items = b.Select(i => index[i]).ToArray();
            if (items.Length < 2) continue;
            var share = 1f / (items.Length - 1); // a long history adds as much in all as a short one, per item
            foreach (var i in items) foreach (var j in items) if (i != j) co[i][j] = co[i].GetValueOrDefault(j) + share;
        }
        var rowSum = co.Select(r => (double)r.Values.Sum()).ToArray();
        var total = rowSum.Sum();
        var ppmi = co.Select((row, i) => row.Select(kv => (kv.Key, V: Math.Log(kv.Value * total / (rowSum[i] * rowSum[kv.Key]))))
            .Where(p => p.V > 0).ToArray()).ToArray();
        var u = RandomizedSvd(ppmi, dims, out var s);
        var result = new float[ids.Count][];
        for (var a = 0; a < ids.Count; a++)
        {
            result[a] = new float[dims];
            if (!index.TryGetValue(ids[a], out var row) || ppmi[row].Length == 0) continue;
            for (var j = 0; j < dims; j++) result[a][j] = (float)(u[row, j] * Math.Sqrt(s[j]));
            UnitVector.Normalize(result[a]);
        }
        return result;
    }

    static Matrix<double> RandomizedSvd((int Key, double V)[][] m, int dims, out double[] singular)
    {
        var n = m.Length;
        var width = dims + 16;
        var random = new Random(7);
        var q = Matrix<double>.Build.Dense(n, width, (_, _) => random.NextDouble() - 0.5);
        for (var t = 0; t < 6; t++) q = Multiply(m, q).QR().Q.SubMatrix(0, n, 0, width);
        var b = q.TransposeThisAndMultiply(Multiply(m, q)); // symmetric small matrix: Q^T M Q
        var evd = b.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, width).OrderByDescending(i => evd.EigenValues[i].Real).Take(dims).ToArray();
        singular = order.Select(i => Math.Max(0, evd.EigenValues[i].Real)).ToArray();
        var small = Matrix<double>.Build.Dense(width, dims, (i, j) => evd.EigenVectors[i, order[j]]);
        return q * small;
    }

    static Matrix<double> Multiply((int Key, double V)[][] m, Matrix<double> x)
    {
        var width = x.ColumnCount;
        var input = x.ToRowArrays();
        var result = new double[m.Length][];
        for (var i = 0; i < m.Length; i++)
        {
            var row = result[i] = new double[width];
            foreach (var (j, v) in m[i])
            {
                var other = input[j];
                for (var c = 0; c < width; c++) row[c] += v * other[c];
            }
        }
        return Matrix<double>.Build.DenseOfRowArrays(result);
    }

    /// <summary>NMI at fixed k on the read articles alone: does co-reading know the categories better than the text?</summary>
    static object Subset(string name, float[][] text, float[][] coread, List<string> cats, int[] rows)
    {
        var subCats = rows.Select(i => cats[i]).ToList();
        var lines = new List<object>();
        foreach (var (view, x) in new[] { ("MiniLM", rows.Select(i => text[i]).ToArray()), ("co-read PPMI-SVD 64", rows.Select(i => coread[i]).ToArray()),
                     ("MiniLM + co-read, weight 0.35", rows.Select(i => WordVectors.Combine(text[i], coread[i], 0.35)).ToArray()) })
            foreach (var k in new[] { 7, 10, 15 })
            {
                var nmi = Enumerable.Range(42, 3).Average(seed => NormalizedMutualInformation.Between(new SphericalKMeans(4).Fit(x, k, seed).Assignments, subCats));
                Console.WriteLine($"subset {name} ({rows.Length}) {view} k={k} nmi={nmi:F3}");
                lines.Add(new { view, k, nmiMeanOf3Seeds = Math.Round(nmi, 4) });
            }
        return new { variant = $"{name} only ({rows.Length} articles), k fixed", runs = lines };
    }

    /// <summary>
    /// An unread article's co-read vector: the mean of its nearest read articles' by MiniLM cosine (what text predicts of
    /// behaviour). Round 6 imputes the entity block the same way (<paramref name="read"/>: has a shared entity).
    /// </summary>
    internal static float[][] Impute(float[][] text, float[][] coread, bool[] read, int neighbours) =>
        text.Select((v, i) =>
        {
            if (read[i]) return coread[i];
            var sum = new float[coread[0].Length];
            foreach (var j in Nearest(text, v, read, neighbours, i)) TensorPrimitives.Add(sum, coread[j], sum);
            UnitVector.Normalize(sum);
            return sum;
        }).ToArray();

    /// <summary>A read article's MiniLM vector plus alpha times the mean MiniLM vector of its nearest read articles in co-read space.</summary>
    static float[][] SmoothByCoReadNeighbours(float[][] text, float[][] coread, bool[] read, int neighbours, double alpha) =>
        text.Select((v, i) =>
        {
            if (!read[i]) return v;
            var mean = new float[v.Length];
            foreach (var j in Nearest(coread, coread[i], read, neighbours, i)) TensorPrimitives.Add(mean, text[j], mean);
            UnitVector.Normalize(mean);
            var sum = v.Select((z, d) => (float)(z + alpha * mean[d])).ToArray();
            UnitVector.Normalize(sum);
            return sum;
        }).ToArray();

    static IEnumerable<int> Nearest(float[][] space, float[] query, bool[] allowed, int count, int self) =>
        Enumerable.Range(0, space.Length).Where(j => j != self && allowed[j]).OrderByDescending(j => TensorPrimitives.Dot(space[j], query)).Take(count);

    /// <summary>Co-reading counts between news.tsv articles only (by people who read both).</summary>
    public static Dictionary<int, double>[] DirectCoRead(List<HashSet<string>> baskets, List<string> ids)
    {
        var position = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var graph = ids.Select(_ => new Dictionary<int, double>()).ToArray();
        foreach (var b in baskets)
        {
            var inside = b.Where(position.ContainsKey).Select(id => position[id]).ToArray();
            foreach (var i in inside) foreach (var j in inside) if (i != j) graph[i][j] = graph[i].GetValueOrDefault(j) + 1;
        }
        return graph;
    }

    static float[][] SmoothOverGraph(float[][] text, Dictionary<int, double>[] graph, double alpha)
    {
        return text.Select((v, i) =>
        {
            var sum = (float[])v.Clone();
            var weight = graph[i].Values.Sum();
            foreach (var (j, w) in graph[i])
            {
                var scaled = text[j].Select(z => (float)(z * alpha * w / weight)).ToArray();
                TensorPrimitives.Add(sum, scaled, sum);
            }
            UnitVector.Normalize(sum);
            return sum;
        }).ToArray();
    }

    public static object Sweep(string name, float[][] x, List<string> cats, int readArticles, int seeds, Stopwatch sw)
    {
        var silhouette = new CosineSilhouette(x);
        var candidates = TopicCountSelection.Range(5, 40, 1, x.Length);
        var runs = new List<object>();
        var chosenNmi = new List<double>();
        var fixedNmi = FixedK.ToDictionary(k => k, _ => new List<double>());
        for (var seed = 42; seed < 42 + seeds; seed++)
        {
            var km = new SphericalKMeans(4);
            var nmiAt = new Dictionary<int, double>();
            var choice = TopicCountSelection.Choose(candidates, k => km.Fit(x, k, seed), fit => silhouette.Score(fit.Assignments));
            var nmi = NormalizedMutualInformation.Between(choice.Fit.Assignments, cats);
            chosenNmi.Add(nmi);
            var chosenSilhouette = choice.Tried.First(t => t.K == choice.K).Score;
            runs.Add(new { seed, kChosen = choice.K, silhouette = Math.Round(chosenSilhouette, 4), nmi = Math.Round(nmi, 4),
                silhouetteByK = choice.Tried.ToDictionary(t => t.K.ToString(), t => Math.Round(t.Score, 4)) });
            foreach (var k in FixedK) fixedNmi[k].Add(NormalizedMutualInformation.Between(km.Fit(x, k, seed).Assignments, cats));
            Console.WriteLine($"{name} seed={seed} k={choice.K} sil={chosenSilhouette:F4} nmi={nmi:F3} {sw.Elapsed.TotalSeconds:F0}s");
        }
        var fixedSummary = FixedK.ToDictionary(k => k.ToString(), k => new { mean = Math.Round(fixedNmi[k].Average(), 4), min = Math.Round(fixedNmi[k].Min(), 4), max = Math.Round(fixedNmi[k].Max(), 4) });
        Console.WriteLine($"{name}: chosen-k NMI mean {chosenNmi.Average():F3} [{chosenNmi.Min():F3}, {chosenNmi.Max():F3}] | " +
            string.Join(' ', FixedK.Select(k => $"k{k}:{fixedNmi[k].Average():F3}")));
        return new { variant = name, restartsPerFit = 4, seeds, kRange = "5..40 by cosine silhouette", runs, chosenNmiMean = Math.Round(chosenNmi.Average(), 4),
            chosenNmiMin = Math.Round(chosenNmi.Min(), 4), chosenNmiMax = Math.Round(chosenNmi.Max(), 4), nmiAtFixedK = fixedSummary };
    }

    /// <summary>A union of MiniLM's 10-NN graph and the co-read graph inside news.tsv, clustered by Louvain (modularity picks the count).</summary>
    static object GraphUnion(float[][] text, Dictionary<int, double>[] coread, List<string> cats)
    {
        var knn = GraphExp.Knn(text, 10);
        var lines = new List<object>();
        foreach (var beta in new[] { 0.5, 1.0 })
        {
            var union = knn.Select(d => new Dictionary<int, double>(d)).ToArray();
            for (var i = 0; i < union.Length; i++)
                foreach (var (j, w) in coread[i]) union[i][j] = union[i].GetValueOrDefault(j) + beta * Math.Min(1, w / 2);
            foreach (var seed in new[] { 1, 2, 3 })
            {
                var membership = GraphExp.Louvain(union, 1.0, seed);
                var nmi = NormalizedMutualInformation.Between(membership, cats);
                Console.WriteLine($"louvain knn10 + co-read beta={beta} seed={seed} k={membership.Distinct().Count()} nmi={nmi:F3}");
                lines.Add(new { beta, seed, k = membership.Distinct().Count(), nmi = Math.Round(nmi, 4) });
            }
        }
        return new { variant = "Louvain (resolution 1) on MiniLM 10-NN graph + co-read graph inside news.tsv (edge beta * min(1, co-readers / 2))", runs = lines };
    }
}
