using ContentGrains.Core.Vectors;

namespace ContentGrains.Core.Topics;

/// <summary>
/// Dense TF-IDF vectors over a corpus' most widespread words (those in at least <see cref="MinDocuments"/> documents and
/// at most half of them, the <paramref name="size"/> most frequent kept), unit length, and their combination with
/// sentence vectors: [√(1-w)·sentence ; √w·words] has cosine (1-w)·cos(sentences) + w·cos(words) with another such vector.
/// </summary>
public sealed class WordVectors
{
    public const int MinDocuments = 3;

    private readonly Dictionary<string, int> index;
    private readonly double[] idf;

    public WordVectors(IReadOnlyList<IReadOnlyList<string>> documentWords, int size)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var words in documentWords)
            foreach (var word in words.Distinct(StringComparer.Ordinal)) frequency[word] = frequency.GetValueOrDefault(word) + 1;
        var kept = frequency.Where(f => f.Value >= MinDocuments && f.Value <= documentWords.Count / 2)
            .OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).Take(size).ToList();
        index = kept.Select((f, i) => (f.Key, i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);
        idf = kept.Select(f => Math.Log((1.0 + documentWords.Count) / (1.0 + f.Value)) + 1).ToArray();
    }

    public int Dimensions => idf.Length;

    public float[] Of(IReadOnlyList<string> words)
    {
        var vector = new float[Dimensions];
        foreach (var word in words)
            if (index.TryGetValue(word, out var i)) vector[i] += (float)idf[i];
        UnitVector.Normalize(vector);
        return vector;
    }

    public static float[] Combine(float[] sentence, float[] words, double wordWeight)
    {
        var combined = new float[sentence.Length + words.Length];
        var a = (float)Math.Sqrt(1 - wordWeight);
        var b = (float)Math.Sqrt(wordWeight);
        for (var i = 0; i < sentence.Length; i++) combined[i] = a * sentence[i];
        for (var i = 0; i < words.Length; i++) combined[sentence.Length + i] = b * words[i];
        UnitVector.Normalize(combined); // a text without known words is its sentence vector alone
        return combined;
    }
}
