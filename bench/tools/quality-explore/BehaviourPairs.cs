using System.Numerics.Tensors;
using ContentGrains.Core.Click.Mind;

// Topics, round 3: a representation-free look at the co-reading signal. How often do two news.tsv articles that the
// same people read share an editors' category, against two MiniLM nearest neighbours and against chance?
static class BehaviourPairsExp
{
    public static void Run(float[][] text, List<string> cats, string news, string behaviors)
    {
        var ids = MindReader.ReadNews(news).Select(a => a.Id).ToList();
        var baskets = BehaviourExp.Baskets(behaviors);
        var readers = new Dictionary<string, int>();
        foreach (var b in baskets) foreach (var item in b) readers[item] = readers.GetValueOrDefault(item) + 1;
        var graph = BehaviourExp.DirectCoRead(baskets, ids);
        var pairs = new List<(int A, int B, double Count, double Pmi)>();
        for (var a = 0; a < ids.Count; a++)
            foreach (var (b, count) in graph[a])
                if (a < b) pairs.Add((a, b, count, Math.Log(count * baskets.Count / ((double)readers[ids[a]] * readers[ids[b]]))));
        foreach (var least in new[] { 1, 2, 3, 5 })
            Report($"co-read by >= {least} people", pairs.Where(p => p.Count >= least).Select(p => (p.A, p.B)).ToList(), cats);
        var ranked = pairs.Where(p => p.Count >= 2).OrderByDescending(p => p.Pmi).ToList();
        for (var q = 0; q < 4; q++)
            Report($"co-read by >= 2, PMI quartile {q + 1} of 4 (highest first)", ranked.Skip(q * ranked.Count / 4).Take(ranked.Count / 4).Select(p => (p.A, p.B)).ToList(), cats);
        var read = Enumerable.Range(0, ids.Count).Where(i => readers.ContainsKey(ids[i])).ToArray();
        Report("MiniLM 10 nearest neighbours, all articles", Neighbours(text, Enumerable.Range(0, ids.Count).ToArray(), 10), cats);
        Report("MiniLM 10 nearest neighbours among read articles", Neighbours(text, read, 10), cats);
        var volume = new Dictionary<string, double>();
        foreach (var b in baskets) foreach (var item in b) { var i = ids.IndexOf(item); if (i >= 0) volume[cats[i]] = volume.GetValueOrDefault(cats[i]) + 1; }
        var total = volume.Values.Sum();
        Console.WriteLine($"pairs chance (two reads drawn at random share a category): {volume.Values.Sum(v => v / total * (v / total)):F3}");
        var position = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var spread = baskets.Select(b => b.Where(position.ContainsKey).Select(id => cats[position[id]]).ToList()).Where(c => c.Count >= 3)
            .Select(c => c.GroupBy(x => x).Max(g => g.Count()) / (double)c.Count).ToList();
        Console.WriteLine($"people reading >= 3 news.tsv articles: {spread.Count}, mean share of their reads in their own top category {spread.Average():F3}");
        var sizes = cats.GroupBy(c => c).Select(g => (double)g.Count() / cats.Count);
        Console.WriteLine($"pairs chance (two articles drawn at random): {sizes.Sum(s => s * s):F3}");
    }

    static void Report(string name, List<(int A, int B)> pairs, List<string> cats) =>
        Console.WriteLine($"pairs {name}: {pairs.Count} pairs, same category {pairs.Count(p => cats[p.A] == cats[p.B]) / (double)Math.Max(1, pairs.Count):F3}");

    static List<(int, int)> Neighbours(float[][] text, int[] rows, int count) =>
        rows.SelectMany(i => rows.Where(j => j != i).OrderByDescending(j => TensorPrimitives.Dot(text[i], text[j])).Take(count).Select(j => (i, j))).ToList();
}
