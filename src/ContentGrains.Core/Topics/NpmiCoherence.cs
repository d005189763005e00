namespace ContentGrains.Core.Topics;

/// <summary>
/// How well a topic's top words belong together in the corpus: the mean normalised pointwise mutual information of
/// every pair of its words, counting a document as the co-occurrence window (Bouma 2009; Röder et al. 2015 found NPMI
/// among the measures closest to human judgement). -1 never together, 0 independent, 1 always together. A pair
/// never seen together scores -1.
/// </summary>
public sealed class NpmiCoherence
{
    private readonly Dictionary<string, HashSet<int>> documentsOf = new(StringComparer.Ordinal);
    private readonly double documents;

    public NpmiCoherence(IReadOnlyList<IReadOnlyList<string>> documentWords)
    {
        if (documentWords.Count == 0) throw new ArgumentException("documents: none given", nameof(documentWords));
        documents = documentWords.Count;
        for (var d = 0; d < documentWords.Count; d++)
            foreach (var word in documentWords[d])
            {
                if (!documentsOf.TryGetValue(word, out var set)) documentsOf[word] = set = [];
                set.Add(d);
            }
    }

    /// <summary>The mean NPMI over the pairs of <paramref name="words"/>; words absent from the corpus are skipped.</summary>
    public double Of(IReadOnlyList<string> words)
    {
        var known = words.Where(documentsOf.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
        var total = 0.0;
        var pairs = 0;
        for (var i = 0; i < known.Count; i++)
            for (var j = i + 1; j < known.Count; j++, pairs++)
                total += Pair(documentsOf[known[i]], documentsOf[known[j]]);
        return pairs == 0 ? 0 : total / pairs;
    }

    /// <summary>The mean coherence of several topics.</summary>
    public double Mean(IEnumerable<IReadOnlyList<string>> topics) => topics.Select(Of).DefaultIfEmpty(0).Average();

    private double Pair(HashSet<int> a, HashSet<int> b)
    {
        var together = a.Count < b.Count ? a.Count(b.Contains) : b.Count(a.Contains);
        if (together == 0) return -1;
        var joint = together / documents;
        if (joint >= 1) return 1;
        return Math.Log(joint / (a.Count / documents * (b.Count / documents))) / -Math.Log(joint);
    }
}
