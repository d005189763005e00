using ContentGrains.Core.Sentiment;

// Sentiment, round 3: a k-nearest-neighbour view of the sentence vectors, naive-Bayes weighted terms (NBSVM, Wang &
// Manning 2012), and averaging over penalties instead of choosing one. Same outer folds as the CLI.
static class Sent3Exp
{
    static int[] Folds(IReadOnlyList<LabelledSentence> s, int folds, int seed)
    {
        var random = new Random(seed);
        var fold = new int[s.Count];
        foreach (var label in new[] { true, false })
        {
            var rows = Enumerable.Range(0, s.Count).Where(i => s[i].Positive == label).ToArray();
            random.Shuffle(rows);
            for (var k = 0; k < rows.Length; k++) fold[rows[k]] = k % folds;
        }
        return fold;
    }

    static double[] Oof(int n, int[] fold, Func<int[], int[], double[]> fitScore)
    {
        var p = new double[n];
        for (var f = 0; f < 5; f++)
        {
            var train = Enumerable.Range(0, n).Where(i => fold[i] != f).ToArray();
            var test = Enumerable.Range(0, n).Where(i => fold[i] == f).ToArray();
            var q = fitScore(train, test);
            for (var k = 0; k < test.Length; k++) p[test[k]] = q[k];
        }
        return p;
    }

    static double Acc(List<LabelledSentence> s, double[] p) => s.Select((x, i) => (p[i] >= 0.5) == x.Positive ? 1.0 : 0).Average();
    static double[] Avg(params double[][] ps) => Enumerable.Range(0, ps[0].Length).Select(i => ps.Average(p => p[i])).ToArray();

    public static void Run()
    {
        var s = LabelledSentence.ReadFolder("../shared/data/sentiment-sentences");
        var v = SentExp.Vectors(s);
        var fold = Folds(s, 5, 1);
        var n = s.Count;
        var labels = s.Select(x => x.Positive).ToArray();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        double[] Vec(double l2) => Oof(n, fold, (train, test) =>
        {
            var lr = LogisticRegression.Fit(train.Select(i => new SentimentFeatures(v[i], [], [])).ToList(), train.Select(i => labels[i]).ToList(), l2);
            return test.Select(i => lr.Probability(new SentimentFeatures(v[i], [], []))).ToArray();
        });
        double[] Terms(double l2, bool nb) => Oof(n, fold, (train, test) =>
        {
            var vocab = TfIdfVocabulary.Fit(train.Select(i => s[i].Text), SentimentTerms.NegationAndCharacters);
            var r = new double[TfIdfVocabulary.Buckets];
            if (nb)
            {
                double[] pos = new double[r.Length], neg = new double[r.Length];
                foreach (var i in train) foreach (var b in vocab.Transform(s[i].Text).Index) (labels[i] ? pos : neg)[b] += 1;
                double sp = pos.Sum() + r.Length, sn = neg.Sum() + r.Length;
                for (var b = 0; b < r.Length; b++) r[b] = Math.Log((pos[b] + 1) / sp / ((neg[b] + 1) / sn));
            }
            SentimentFeatures F(string t)
            {
                var (ix, va) = vocab.Transform(t);
                if (nb) { va = ix.Select((b, k) => (float)(va[k] * Math.Abs(r[b]))).ToArray(); var norm = Math.Sqrt(va.Sum(z => (double)z * z)); if (norm > 0) va = va.Select(z => (float)(z / norm)).ToArray(); }
                return new SentimentFeatures([], ix, va);
            }
            var lr = LogisticRegression.Fit(train.Select(i => F(s[i].Text)).ToList(), train.Select(i => labels[i]).ToList(), l2);
            return test.Select(i => lr.Probability(F(s[i].Text))).ToArray();
        });
        double[] Knn(int k) => Oof(n, fold, (train, test) => test.Select(i =>
        {
            var near = train.Select(j => (j, sim: System.Numerics.Tensors.TensorPrimitives.Dot(v[i], v[j]))).OrderByDescending(t => t.sim).Take(k).ToList();
            var w = near.Sum(t => Math.Exp(t.sim / 0.1));
            return near.Where(t => labels[t.j]).Sum(t => Math.Exp(t.sim / 0.1)) / w;
        }).ToArray());
        var ls = new[] { 1e-4, 3e-4, 1e-3 };
        var vec = ls.ToDictionary(l => l, Vec);
        var terms = ls.ToDictionary(l => l, l => Terms(l, false));
        var nbt = ls.ToDictionary(l => l, l => Terms(l, true));
        Console.WriteLine($"fits {sw.Elapsed.TotalSeconds:F0}s");
        foreach (var l in ls) Console.WriteLine($"nb terms l2={l} acc={Acc(s, nbt[l]):F4} (plain {Acc(s, terms[l]):F4}) " + string.Join(" ", ls.Select(a => $"avg(v{a})={Acc(s, Avg(vec[a], nbt[l])):F4}")));
        var vecAll = Avg(vec.Values.ToArray()); var termsAll = Avg(terms.Values.ToArray()); var nbAll = Avg(nbt.Values.ToArray());
        Console.WriteLine($"penalty-averaged: vec {Acc(s, vecAll):F4} terms {Acc(s, termsAll):F4} nb {Acc(s, nbAll):F4} avg(vec,terms) {Acc(s, Avg(vecAll, termsAll)):F4} avg(vec,nb) {Acc(s, Avg(vecAll, nbAll)):F4} avg(vec,terms,nb) {Acc(s, Avg(vecAll, termsAll, nbAll)):F4}");
        foreach (var k in new[] { 10, 25, 50 })
        {
            var p = Knn(k);
            Console.WriteLine($"knn k={k} acc={Acc(s, p):F4} 3way(vecAll,termsAll,knn)={Acc(s, Avg(vecAll, termsAll, p)):F4} " + string.Join(" ", ls.Select(a => $"3way(v{a},t1e-4)={Acc(s, Avg(vec[a], terms[1e-4], p)):F4}")));
        }
    }
}
