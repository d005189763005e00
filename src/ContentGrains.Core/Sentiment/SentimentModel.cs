using System.Text.Json;
using ContentGrains.Core.Text;

namespace ContentGrains.Core.Sentiment;

/// <summary>
/// The trained classifier: a sentence encoder's vectors with hashed TF-IDF, into logistic regression. Stored as JSON
/// (weights, IDF table, the chosen penalty and the encoder's name, which scoring must match).
/// </summary>
public sealed record SentimentModel(string Encoder, int Dimensions, double L2, double[] Idf, double[] DenseWeights, double[] SparseWeights, double Bias)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static SentimentModel From(string encoder, TfIdfVocabulary vocabulary, LogisticRegression fit, double l2) =>
        new(encoder, fit.DenseWeights.Length, l2, vocabulary.Idf, fit.DenseWeights, fit.SparseWeights, fit.Bias);

    /// <summary>P(positive) of each text, in order.</summary>
    public double[] Score(ITextEncoder encoder, IReadOnlyList<string> texts)
    {
        if (encoder.Dimensions != Dimensions)
            throw new ArgumentException($"the model needs {Dimensions}-dimension vectors ({Encoder}); the encoder gives {encoder.Dimensions}", nameof(encoder));
        var vocabulary = new TfIdfVocabulary(Idf);
        var classifier = new LogisticRegression(DenseWeights, SparseWeights, Bias);
        var vectors = encoder.Encode(texts);
        return texts.Select((t, i) => classifier.Probability(SentimentTrainer.Features(vectors[i], vocabulary, t))).ToArray();
    }

    public byte[] ToJsonBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static SentimentModel FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<SentimentModel>(json, Json) ?? throw new InvalidDataException("the sentiment model file is empty");
}
