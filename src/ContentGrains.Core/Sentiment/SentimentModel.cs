using System.Text.Json;
using ContentGrains.Core.Text;

namespace ContentGrains.Core.Sentiment;

/// <summary>
/// The trained classifier, stored as JSON (weights, IDF table, the term set and the encoder's name, which scoring must
/// match). Two views, the sentence vector and the TF-IDF terms; P(positive) is the mean of the two views' probabilities.
/// A model with <see cref="VectorFits"/> and <see cref="WordsFits"/> (the current one) has several regressions per view,
/// one per penalty, and a view's probability is their mean. Older models are still scored as they were trained: one
/// regression per view (<see cref="DenseWeights"/>, <see cref="Bias"/>; <see cref="SparseWeights"/>,
/// <see cref="WordsBias"/>), or, without <see cref="WordsBias"/> (the first ones), one regression over both blocks at
/// once with words and pairs as terms.
/// </summary>
public sealed record SentimentModel(string Encoder, int Dimensions, double L2, double[] Idf, double[] DenseWeights, double[] SparseWeights, double Bias,
    double? WordsBias = null, double? WordsL2 = null, SentimentTerms Terms = SentimentTerms.WordsAndPairs,
    IReadOnlyList<SentimentViewFit>? VectorFits = null, IReadOnlyList<SentimentViewFit>? WordsFits = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A model whose views are the means of these fits (<paramref name="vectorFits"/> on the sentence vector, <paramref name="wordsFits"/> on the terms).</summary>
    public static SentimentModel From(string encoder, int dimensions, TfIdfVocabulary vocabulary, IReadOnlyList<SentimentViewFit> vectorFits, IReadOnlyList<SentimentViewFit> wordsFits) =>
        new(encoder, dimensions, 0, vocabulary.Idf, [], [], 0, Terms: vocabulary.TermSet, VectorFits: vectorFits, WordsFits: wordsFits);

    /// <summary>The penalties of the vector view's fits (the single penalty of an older model).</summary>
    public IReadOnlyList<double> VectorPenalties => VectorFits?.Select(f => f.L2).ToList() ?? [L2];

    /// <summary>P(positive) of each text, in order.</summary>
    public double[] Score(ITextEncoder encoder, IReadOnlyList<string> texts)
    {
        if (encoder.Dimensions != Dimensions)
            throw new ArgumentException($"the model needs {Dimensions}-dimension vectors ({Encoder}); the encoder gives {encoder.Dimensions}", nameof(encoder));
        return Score(encoder.Encode(texts), texts);
    }

    /// <summary>P(positive) of each text whose sentence vector is already computed.</summary>
    public double[] Score(IReadOnlyList<float[]> vectors, IReadOnlyList<string> texts)
    {
        if (vectors.Count != texts.Count) throw new ArgumentException($"vectors: {vectors.Count} given for {texts.Count} texts", nameof(vectors));
        var vocabulary = new TfIdfVocabulary(Idf, Terms);
        return texts.Select((t, i) => Probability(vectors[i], vocabulary.Transform(t))).ToArray();
    }

    private double Probability(float[] vector, (int[] Index, float[] Value) terms)
    {
        var vectorFeatures = new SentimentFeatures(vector, [], []);
        var termFeatures = new SentimentFeatures([], terms.Index, terms.Value);
        if (VectorFits is { } vectorFits && WordsFits is { } wordsFits)
            return (vectorFits.Average(f => new LogisticRegression(f.Weights, [], f.Bias).Probability(vectorFeatures))
                    + wordsFits.Average(f => new LogisticRegression([], f.Weights, f.Bias).Probability(termFeatures))) / 2;
        if (WordsBias is not { } wordsBias)
            return new LogisticRegression(DenseWeights, SparseWeights, Bias).Probability(new SentimentFeatures(vector, terms.Index, terms.Value));
        var fromVector = new LogisticRegression(DenseWeights, [], Bias).Probability(vectorFeatures);
        var fromWords = new LogisticRegression([], SparseWeights, wordsBias).Probability(termFeatures);
        return (fromVector + fromWords) / 2;
    }

    public byte[] ToJsonBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static SentimentModel FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<SentimentModel>(json, Json) ?? throw new InvalidDataException("the sentiment model file is empty");
}
