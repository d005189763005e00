using ContentGrains.Core.Data;
using ContentGrains.Core.Sentiment;
using ContentGrains.Inference.Text;

static class SentExp
{
    public static float[][] Vectors(List<LabelledSentence> s)
    {
        var path = "/tmp/q8-sent.bin";
        if (File.Exists(path))
        {
            using var r = new BinaryReader(File.OpenRead(path));
            return s.Select(_ => Enumerable.Range(0, 384).Select(_ => r.ReadSingle()).ToArray()).ToArray();
        }
        using var enc = new MiniLmTextEncoder(threads: 2);
        var v = s.Select(x => x.Text).Chunk(32).SelectMany(b => enc.Encode(b)).ToArray();
        using var w = new BinaryWriter(File.Create(path));
        foreach (var a in v) foreach (var f in a) w.Write(f);
        return v;
    }

    static int[] Folds(IReadOnlyList<LabelledSentence> sentences, int folds, int seed)
    {
        var random = new Random(seed);
        var fold = new int[sentences.Count];
        foreach (var label in new[] { true, false })
        {
            var rows = Enumerable.Range(0, sentences.Count).Where(i => sentences[i].Positive == label).ToArray();
            random.Shuffle(rows);
            for (var k = 0; k < rows.Length; k++) fold[rows[k]] = k % folds;
        }
        return fold;
    }

    static readonly HashSet<string> Negators = ["not", "no", "never", "n't", "nothing", "nobody", "none", "neither", "nor", "without", "hardly", "cannot"];

    // words with negation scope marked: after a negator up to punctuation, words get "NOT_" prefix
    public static List<string> NegatedWords(string text)
    {
        var outw = new List<string>();
        var neg = false;
        var cur = new System.Text.StringBuilder();
        void Flush() { if (cur.Length == 0) return; var w = cur.ToString().ToLowerInvariant(); cur.Clear(); outw.Add(neg ? "NOT_" + w : w); if (Negators.Contains(w) || w.EndsWith("n't")) neg = true; }
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch) || ch == '\'') { cur.Append(ch); continue; }
            Flush();
            if (ch is '.' or ',' or '!' or '?' or ';' or ':') neg = false;
        }
        Flush();
        return outw;
    }

    public static IEnumerable<string> Terms(string text, bool negation, bool chars)
    {
        var words = negation ? NegatedWords(text) : TfIdfVocabulary.Words(text);
        for (var i = 0; i < words.Count; i++)
        {
            yield return words[i];
            if (i + 1 < words.Count) yield return words[i] + " " + words[i + 1];
        }
        if (chars)
        {
            var t = " " + string.Join(' ', TfIdfVocabulary.Words(text)) + " ";
            for (var n = 3; n <= 5; n++) for (var i = 0; i + n <= t.Length; i++) yield return "#" + t.Substring(i, n);
        }
    }

    sealed class Vocab(Func<string, IEnumerable<string>> terms, IEnumerable<string> train)
    {
        readonly double[] idf = Fit(terms, train);
        static double[] Fit(Func<string, IEnumerable<string>> terms, IEnumerable<string> train)
        {
            var df = new int[TfIdfVocabulary.Buckets]; var n = 0;
            foreach (var t in train) { n++; foreach (var b in terms(t).Select(B).Distinct()) df[b]++; }
            return df.Select(d => Math.Log((1.0 + n) / (1.0 + d)) + 1).ToArray();
        }
        static int B(string s) => (int)(Fnv1a.Hash(s) % TfIdfVocabulary.Buckets);
        public (int[], float[]) T(string text)
        {
            var c = new SortedDictionary<int, double>();
            foreach (var b in terms(text).Select(B)) c[b] = c.GetValueOrDefault(b) + 1;
            foreach (var k in c.Keys.ToList()) c[k] *= idf[k];
            var norm = Math.Sqrt(c.Values.Sum(v => v * v));
            return (c.Keys.ToArray(), c.Values.Select(v => (float)(norm > 0 ? v / norm : 0)).ToArray());
        }
    }

    // returns out-of-fold probabilities
    static double[] Oof(List<LabelledSentence> s, float[][] v, int[] fold, int folds, Func<string, IEnumerable<string>>? terms, float denseWeight, double l2, int[]? rowsSubset = null)
    {
        var p = new double[s.Count];
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, s.Count).Where(i => fold[i] != f).ToArray();
            var test = Enumerable.Range(0, s.Count).Where(i => fold[i] == f).ToArray();
            var vocab = terms is null ? null : new Vocab(terms, train.Select(i => s[i].Text));
            SentimentFeatures X(int i)
            {
                var dense = denseWeight == 0 ? [] : v[i].Select(z => z * denseWeight).ToArray();
                var (idx, val) = vocab is null ? ([], []) : vocab.T(s[i].Text);
                return new SentimentFeatures(dense, idx, val);
            }
            var lr = LogisticRegression.Fit(train.Select(X).ToList(), train.Select(i => s[i].Positive).ToList(), l2);
            foreach (var i in test) p[i] = lr.Probability(X(i));
        }
        return p;
    }

    static double Acc(List<LabelledSentence> s, double[] p) => s.Select((x, i) => (p[i] >= 0.5) == x.Positive ? 1.0 : 0).Average();

    public static void Run()
    {
        var s = LabelledSentence.ReadFolder("../shared/data/sentiment-sentences");
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var v = Vectors(s);
        Console.WriteLine($"vectors {sw.Elapsed.TotalSeconds:F1}s");
        var fold = Folds(s, 5, 1);
        var ls = new[] { 3e-5, 1e-4, 3e-4, 1e-3 };
        var dense = ls.ToDictionary(l => l, l => Oof(s, v, fold, 5, null, 1, l));
        foreach (var l in ls) Console.WriteLine($"dense l2={l} acc={Acc(s, dense[l]):F4}");
        foreach (var (name, terms) in new (string, Func<string, IEnumerable<string>>)[] { ("neg+chars", t => Terms(t, true, true)), ("neg", t => Terms(t, true, false)) })
            foreach (var l in ls)
            {
                var sp = Oof(s, v, fold, 5, terms, 0, l);
                Console.WriteLine($"sparse {name} l2={l} acc={Acc(s, sp):F4} " + string.Join(" ", ls.Select(d => $"avg(d{d})={Acc(s, dense[d].Zip(sp, (a, b) => (a + b) / 2).ToArray()):F4}")));
            }
    }
}
