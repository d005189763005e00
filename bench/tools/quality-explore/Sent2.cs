using System.Globalization;
using ContentGrains.Core.Sentiment;
using ContentGrains.Inference.Text;

// Sentiment, round 2 (issue 8 targets): a non-linear view of the sentence vector (random Fourier features of an RBF
// kernel), and the musical-instruments reviews' summaries as extra training sentences. Same outer folds as the CLI.
static class Sent2Exp
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

    public static float[][] Rff(float[][] x, int features, double gamma, int seed)
    {
        var d = x[0].Length;
        var r = new Random(seed);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
        var w = new float[features][]; var b = new double[features];
        var sd = Math.Sqrt(2 * gamma);
        for (var j = 0; j < features; j++) { w[j] = Enumerable.Range(0, d).Select(_ => (float)(sd * Gauss())).ToArray(); b[j] = 2 * Math.PI * r.NextDouble(); }
        var scale = Math.Sqrt(2.0 / features);
        return x.Select(v => Enumerable.Range(0, features).Select(j => (float)(scale * Math.Cos(System.Numerics.Tensors.TensorPrimitives.Dot(w[j], v) + b[j]))).ToArray()).ToArray();
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

    public static void Run(string what)
    {
        var s = LabelledSentence.ReadFolder("../shared/data/sentiment-sentences");
        var v = SentExp.Vectors(s);
        var fold = Folds(s, 5, 1);
        var n = s.Count;
        var d2 = new List<double>(); var rr = new Random(3);
        for (var t = 0; t < 2000; t++) { var a = v[rr.Next(n)]; var b = v[rr.Next(n)]; d2.Add(2 - 2 * System.Numerics.Tensors.TensorPrimitives.Dot(a, b)); }
        d2.Sort(); Console.WriteLine($"median squared distance {d2[1000]:F3}");
        var labels = s.Select(x => x.Positive).ToArray();
        double[] Dense(float[][] x, double l2) => Oof(n, fold, (train, test) =>
        {
            var lr = LogisticRegression.Fit(train.Select(i => new SentimentFeatures(x[i], [], [])).ToList(), train.Select(i => labels[i]).ToList(), l2);
            return test.Select(i => lr.Probability(new SentimentFeatures(x[i], [], []))).ToArray();
        });
        double[] Terms(double l2, (string Text, bool Positive)[] extra) => Oof(n, fold, (train, test) =>
        {
            var texts = train.Select(i => s[i].Text).Concat(extra.Select(e => e.Text)).ToList();
            var ys = train.Select(i => labels[i]).Concat(extra.Select(e => e.Positive)).ToList();
            var vocab = TfIdfVocabulary.Fit(texts, SentimentTerms.NegationAndCharacters);
            SentimentFeatures F(string t) { var (ix, va) = vocab.Transform(t); return new SentimentFeatures([], ix, va); }
            var lr = LogisticRegression.Fit(texts.Select(F).ToList(), ys, l2);
            return test.Select(i => lr.Probability(F(s[i].Text))).ToArray();
        });
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var terms = new[] { 1e-4, 3e-4, 1e-3 }.ToDictionary(l => l, l => Terms(l, []));
        var vec = new[] { 1e-4, 3e-4, 1e-3 }.ToDictionary(l => l, l => Dense(v, l));
        foreach (var (l, p) in terms) Console.WriteLine($"terms l2={l} acc={Acc(s, p):F4}");
        foreach (var (l, p) in vec) Console.WriteLine($"vector l2={l} acc={Acc(s, p):F4} " + string.Join(" ", terms.Select(t => $"avg(t{t.Key})={Acc(s, Avg(p, t.Value)):F4}")));
        Console.WriteLine($"base {sw.Elapsed.TotalSeconds:F0}s");
        if (what.Contains("rff"))
            foreach (var gamma in new[] { 0.5, 1.0, 2.0 })
            {
                var phi = Rff(v, 2048, gamma, 7);
                foreach (var l2 in new[] { 1e-4, 1e-3 })
                {
                    var p = Dense(phi, l2);
                    Console.WriteLine($"rff gamma={gamma} l2={l2} acc={Acc(s, p):F4} " + string.Join(" ", terms.Select(t => $"avg(t{t.Key})={Acc(s, Avg(p, t.Value)):F4}"))
                        + " " + string.Join(" ", vec.Select(t => $"3way(v{t.Key})={Acc(s, Avg(p, t.Value, terms[3e-4])):F4}")) + $" {sw.Elapsed.TotalSeconds:F0}s");
                }
            }
        if (what.Contains("aug"))
        {
            var rows = ReadReviews("../shared/data/reviews-musical-instruments/reviews.csv");
            Console.WriteLine($"reviews {rows.Count}");
            foreach (var (name, extra) in new[] { ("summary", rows.Select(r => (r.Summary, r.Positive)).ToArray()), ("summary+text", rows.Select(r => (r.Summary + ". " + r.Text, r.Positive)).ToArray()) })
            {
                using var enc = new MiniLmTextEncoder(threads: 2);
                var ev = extra.Select(e => e.Item1).Chunk(32).SelectMany(b => enc.Encode(b)).ToArray();
                foreach (var l2 in new[] { 3e-4, 1e-3 })
                {
                    var p = Oof(n, fold, (train, test) =>
                    {
                        var xs = train.Select(i => new SentimentFeatures(v[i], [], [])).Concat(ev.Select(e => new SentimentFeatures(e, [], []))).ToList();
                        var lr = LogisticRegression.Fit(xs, train.Select(i => labels[i]).Concat(extra.Select(e => e.Item2)).ToList(), l2);
                        return test.Select(i => lr.Probability(new SentimentFeatures(v[i], [], []))).ToArray();
                    });
                    var t = Terms(l2, extra.Select(e => (e.Item1, e.Item2)).ToArray());
                    Console.WriteLine($"aug {name} l2={l2} vector acc={Acc(s, p):F4} terms acc={Acc(s, t):F4} avg={Acc(s, Avg(p, t)):F4} avg(vec aug, terms plain 3e-4)={Acc(s, Avg(p, terms[3e-4])):F4} {sw.Elapsed.TotalSeconds:F0}s");
                }
            }
        }
    }

    sealed record Review(string Summary, string Text, bool Positive);

    static List<Review> ReadReviews(string path)
    {
        // minimal RFC 4180 reader: fields may be quoted with doubled quotes and hold newlines
        var text = File.ReadAllText(path);
        var rows = new List<List<string>>(); var row = new List<string>(); var cell = new System.Text.StringBuilder(); var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted) { if (c == '"') { if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; } else quoted = false; } else cell.Append(c); continue; }
            if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\n') { row.Add(cell.ToString()); cell.Clear(); rows.Add(row); row = []; }
            else if (c != '\r') cell.Append(c);
        }
        if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add(row); }
        var h = rows[0];
        int Col(string name) => h.IndexOf(name);
        return rows.Skip(1).Where(r => r.Count == h.Count).Select(r => (r, stars: double.Parse(r[Col("overall")], CultureInfo.InvariantCulture)))
            .Where(t => t.stars != 3).Select(t => new Review(t.r[Col("summary")], t.r[Col("reviewText")], t.stars >= 4)).ToList();
    }
}
