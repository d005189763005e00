using System.CommandLine;
using System.Globalization;
using ContentGrains.Cli.CommandLine;

namespace ContentGrains.Cli.Topics;

/// <summary>The `topics` command's options, checked: each bad value names its option and the reason.</summary>
public sealed record TopicsOptions(string Data, string Out, bool Embedding, bool Lda, int MinTopics, int MaxTopics, int LdaStep, int Restarts, int Seed, string? VectorsCache, bool Center, double WordWeight = 0, int WordVocabulary = 1000, double TitleWeight = 0, Core.Topics.TopicClustering Clustering = Core.Topics.TopicClustering.SphericalKMeans)
{
    public static Option[] Declare() =>
    [
        CommandTree.Value("data", "news.tsv", "MIND's news.tsv. Required."),
        CommandTree.Value("format", "mind", "The file's format (MIND only). Required."),
        CommandTree.Value("out", "FILE", "Write the report (JSON) here. Required."),
        CommandTree.Value("method", "embedding|lda|both", "Which topic models to fit.", "both"),
        CommandTree.Value("min-topics", "K", "Smallest number of topics tried (at least 2).", "5"),
        CommandTree.Value("max-topics", "K", "Largest number of topics tried.", "40"),
        CommandTree.Value("lda-step", "N", "Step between the numbers of topics LDA tries.", "5"),
        CommandTree.Value("restarts", "N", "k-means restarts per k.", "8"),
        CommandTree.Value("seed", "N", "Random seed.", "42"),
        CommandTree.Value("vectors-cache", "FILE", "Keep the MiniLM vectors in this file and reuse them on the next run."),
        CommandTree.Flag("center", "Subtract the mean vector before clustering."),
        CommandTree.Value("word-weight", "W", "W > 0: cluster MiniLM combined with TF-IDF words, cosine = (1-W)·MiniLM + W·words; in [0, 1).", "0"),
        CommandTree.Value("word-vocabulary", "N", "Words kept for --word-weight.", "1000"),
        CommandTree.Value("title-weight", "T", "T > 0: the title encoded on its own as a second view, cosine = (1-T)·title+abstract + T·title; in [0, 1).", "0"),
        CommandTree.Value("clustering", "kmeans|ward", "kmeans: spherical k-means; ward: agglomerative with Ward's linkage, one tree cut at every k.", "kmeans"),
    ];

    public static TopicsOptions Parse(OptionValues values)
    {
        string? data = values.Text("data"), format = values.Text("format"), outPath = values.Text("out"), cache = values.Text("vectors-cache");
        string method = values.Text("method", "both"), clustering = values.Text("clustering", "kmeans");
        var center = values.Flag("center");
        int WholeOr(string name, int fallback, int min) => values.Text(name) is { } text ? Whole("--" + name, text, min) : fallback;
        double Share(string name) => values.Text(name) is not { } text ? 0
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var w) && w is >= 0 and < 1 ? w : throw new ArgumentException($"--{name}: '{text}' is not a number in [0, 1)");
        int minTopics = WholeOr("min-topics", 5, 2), maxTopics = WholeOr("max-topics", 40, 2), ldaStep = WholeOr("lda-step", 5, 1), restarts = WholeOr("restarts", 8, 1);
        int seed = WholeOr("seed", 42, int.MinValue), vocabulary = WholeOr("word-vocabulary", 1000, 1);
        double wordWeight = Share("word-weight"), titleWeight = Share("title-weight");
        if (data is null || outPath is null) throw new ArgumentException("--data and --out are required");
        if (format != "mind") throw new ArgumentException("--format must be mind (MIND's news.tsv)");
        if (method is not ("embedding" or "lda" or "both")) throw new ArgumentException($"--method must be embedding, lda or both, not '{method}'");
        if (clustering is not ("kmeans" or "ward")) throw new ArgumentException($"--clustering must be kmeans or ward, not '{clustering}'");
        if (maxTopics < minTopics) throw new ArgumentException($"--max-topics ({maxTopics}) must be at least --min-topics ({minTopics})");
        return new TopicsOptions(data, outPath, method != "lda", method != "embedding", minTopics, maxTopics, ldaStep, restarts, seed, cache, center, wordWeight, vocabulary, titleWeight,
            clustering == "ward" ? Core.Topics.TopicClustering.Ward : Core.Topics.TopicClustering.SphericalKMeans);
    }

    private static int Whole(string option, string text, int min) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new ArgumentException($"{option}: '{text}' is not a whole number of at least {min}");
}
