using System.Text.Json;
using ContentGrains.Core.Text;

namespace ContentGrains.Core.Sentiment;

/// <summary>
/// The trained classifier, stored as JSON (weights, IDF table, the chosen penalties, the term set and the encoder's name,
/// which scoring must match). Two views, each its own logistic regression: the sentence vector (<see cref="DenseWeights"/>,
/// <see cref="Bias"/>) and the TF-IDF terms (<see cref="SparseWeights"/>, <see cref="WordsBias"/>); P(positive) is the
/// mean of the two probabilities. A model without <see cref="WordsBias"/> (the first ones) is one regression over both
/// blocks at once, with words and pairs as terms.
/// </summary>
public sealed record SentimentModel(string Encoder, int Dimensions, double L2, double[] Idf, double[] DenseWeights, double[] SparseWeights, double Bias,
    double? WordsBias = null, double? WordsL2 = null, SentimentTerms Terms = SentimentTerms.WordsAndPairs)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A two-view model: the vector regression (penalty <paramref name="vectorL2"/>) and the terms' (<paramref name="wordsL2"/>).</summary>
    public static SentimentModel From(string encoder, TfIdfVocabulary vocabulary, LogisticRegression vector, double vectorL2, LogisticRegression words, double wordsL2) =>
        new(encoder, vector.DenseWeights.Length, vectorL2, vocabulary.Idf, vector.DenseWeights, words.SparseWeights, vector.Bias, words.Bias, wordsL2, vocabulary.TermSet);

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
        if (WordsBias is not { } wordsBias)
            return new LogisticRegression(DenseWeights, SparseWeights, Bias).Probability(new SentimentFeatures(vector, terms.Index, terms.Value));
        var fromVector = new LogisticRegression(DenseWeights, [], Bias).Probability(new SentimentFeatures(vector, [], []));
        var fromWords = new LogisticRegression([], SparseWeights, wordsBias).Probability(new SentimentFeatures([], terms.Index, terms.Value));
        return (fromVector + fromWords) / 2;
    }

    public byte[] ToJsonBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static SentimentModel FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<SentimentModel>(json, Json) ?? throw new InvalidDataException("the sentiment model file is empty");
}
