using System.Text.RegularExpressions;
using ContentGrains.Core.Topics;

// Topics, round 2 (issue 8 targets): many restarts keeping the best objective, and MiniLM combined with a TF-IDF block
// of the articles' Wikidata entity ids (news.tsv's last two columns), k by cosine silhouette each time.
static class Topics2Exp
{
    public static void Run(float[][] x, List<string> cats, string news)
    {
        var entityIds = File.ReadLines(news).Where(l => l.Length > 0).Select(l =>
        {
            var f = l.Split('\t');
            return (IReadOnlyList<string>)Regex.Matches(string.Join(' ', f.Skip(6)), "\"WikidataId\": \"(Q\\d+)\"").Select(m => m.Groups[1].Value).ToList();
        }).ToList();
        Console.WriteLine($"articles with entities {entityIds.Count(e => e.Count > 0)} of {entityIds.Count}");
        var sw = System.Diagnostics.Stopwatch.StartNew();
        void Sweep(string name, float[][] v, int restarts)
        {
            var km = new SphericalKMeans(restarts);
            var sil = new CosineSilhouette(v);
            var best = (K: 0, S: double.MinValue, N: 0.0);
            var line = new List<string>();
            foreach (var k in new[] { 5, 6, 7, 8, 9, 10, 12, 15, 20 })
            {
                var fit = km.Fit(v, k, 42);
                var s = sil.Score(fit.Assignments);
                var n = NormalizedMutualInformation.Between(fit.Assignments, cats);
                line.Add($"k{k}:{n:F3}/{s:F3}");
                if (s > best.S) best = (k, s, n);
            }
            Console.WriteLine($"{name} chosen k={best.K} nmi={best.N:F3} | {string.Join(' ', line)} {sw.Elapsed.TotalSeconds:F0}s");
        }
        Sweep("plain r32", x, 32);
        var ents = new WordVectors(entityIds, 1000);
        Console.WriteLine($"entity dims {ents.Dimensions}");
        foreach (var w in new[] { 0.15, 0.3 })
            Sweep($"entities w{w}", x.Select((v, i) => WordVectors.Combine(v, ents.Of(entityIds[i]), w)).ToArray(), 8);
    }
}
