using ContentGrains.Core.Data;

namespace ContentGrains.Core.Sentiment;

/// <summary>
/// One text's features: its sentence vector (dense, unit length) and its TF-IDF word and word-pair counts hashed into
/// <see cref="TfIdfVocabulary.Buckets"/> buckets (sparse, unit length). The vector carries meaning ("not good" near
/// "bad"); TF-IDF carries the exact words the vector may blur.
/// </summary>
public sealed record SentimentFeatures(float[] Dense, int[] SparseIndex, float[] SparseValue);

/// <summary>
/// Hashed TF-IDF over a <see cref="SentimentTerms"/> set of terms (words and adjacent word pairs at least). The IDF is
/// learned on the training texts only (a bucket never seen gets the highest IDF).
/// </summary>
public sealed class TfIdfVocabulary
{
    public const int Buckets = 1 << 14;

    public TfIdfVocabulary(double[] idf, SentimentTerms terms = SentimentTerms.WordsAndPairs)
    {
        Idf = idf.Length == Buckets ? idf : throw new ArgumentException($"the IDF table must have {Buckets} entries", nameof(idf));
        TermSet = terms;
    }

    public double[] Idf { get; }
    public SentimentTerms TermSet { get; }

    public static TfIdfVocabulary Fit(IEnumerable<string> texts, SentimentTerms terms = SentimentTerms.WordsAndPairs)
    {
        var documents = new int[Buckets];
        var n = 0;
        foreach (var text in texts)
        {
            n++;
            foreach (var bucket in Terms(text, terms).Distinct()) documents[bucket]++;
        }
        return new TfIdfVocabulary(documents.Select(df => Math.Log((1.0 + n) / (1.0 + df)) + 1).ToArray(), terms);
    }

    /// <summary>The same terms with each bucket's IDF multiplied by its factor (e.g. <see cref="NaiveBayesTermWeights"/>).</summary>
    public TfIdfVocabulary Reweighted(double[] factors) =>
        factors.Length == Buckets ? new(Idf.Select((idf, b) => idf * factors[b]).ToArray(), TermSet)
            : throw new ArgumentException($"needs one factor per bucket ({Buckets}), got {factors.Length}", nameof(factors));

    /// <summary>The text's TF-IDF terms, L2-normalised, as sorted bucket indices and values.</summary>
    public (int[] Index, float[] Value) Transform(string text)
    {
        var counts = new SortedDictionary<int, double>();
        foreach (var bucket in Terms(text, TermSet)) counts[bucket] = counts.GetValueOrDefault(bucket) + 1;
        foreach (var key in counts.Keys.ToList()) counts[key] *= Idf[key];
        var norm = Math.Sqrt(counts.Values.Sum(v => v * v));
        return (counts.Keys.ToArray(), counts.Values.Select(v => (float)(norm > 0 ? v / norm : 0)).ToArray());
    }

    /// <summary>Bucket of each word and each pair of adjacent words.</summary>
    public static IEnumerable<int> Terms(string text) => Terms(text, SentimentTerms.WordsAndPairs);

    /// <summary>Bucket of each term of the set.</summary>
    public static IEnumerable<int> Terms(string text, SentimentTerms terms) =>
        SentimentTermLists.Of(text, terms).Select(term => (int)(Fnv1a.Hash(term) % Buckets));

    /// <summary>Lower-case runs of letters, digits and apostrophes ("didn't" stays one word).</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '\'');
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }
        return words;
    }
}
