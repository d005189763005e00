using ContentGrains.Core.Text;

namespace ContentGrains.Core.Variants;

/// <summary>A sentence of an item's text offered as a summary: its centrality (cosine to the text's mean vector) and position.</summary>
public sealed record SummaryCandidate(string Sentence, double Centrality, int Position);

/// <summary>
/// Extractive summary candidates: the item's sentences ranked by centrality, the cosine between a sentence's vector and
/// the mean of all its sentences' vectors (the centroid method; LexRank's graph gives nearly the same order on short
/// texts at quadratic cost). The sentence that says most of what the whole text says comes first.
/// </summary>
public sealed class ExtractiveSummarizer(ITextEncoder encoder)
{
    /// <summary>Sentences read at most (from the start): bounds the encoder's cost on long bodies.</summary>
    public const int MaxSentences = 60;
    /// <summary>Sentences shorter than this many words are headings or fragments, not summaries.</summary>
    public const int MinWords = 5;

    public IReadOnlyList<SummaryCandidate> Candidates(string? text, int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "must be at least 1");
        var sentences = SentenceSplitter.Split(text)
            .Where(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= MinWords)
            .Take(MaxSentences).ToList();
        if (sentences.Count == 0) return [];
        var vectors = encoder.Encode(sentences);
        var centroid = Centroid(vectors);
        return sentences.Select((s, i) => new SummaryCandidate(s, Math.Round(Cosine(vectors[i], centroid), 6), i))
            .OrderByDescending(c => c.Centrality).ThenBy(c => c.Position).Take(count).ToList();
    }

    private static float[] Centroid(float[][] vectors)
    {
        var mean = new float[vectors[0].Length];
        foreach (var v in vectors)
            for (var d = 0; d < mean.Length; d++) mean[d] += v[d] / vectors.Length;
        return mean;
    }

    private static double Cosine(float[] a, float[] b)
    {
        var norms = Math.Sqrt(System.Numerics.Tensors.TensorPrimitives.Dot(a, a)) * Math.Sqrt(System.Numerics.Tensors.TensorPrimitives.Dot(b, b));
        return norms == 0 ? 0 : System.Numerics.Tensors.TensorPrimitives.Dot(a, b) / norms;
    }
}
