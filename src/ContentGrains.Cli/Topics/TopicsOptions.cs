using System.Globalization;

namespace ContentGrains.Cli.Topics;

/// <summary>The `topics` command's options, checked: each bad value names its option and the reason.</summary>
public sealed record TopicsOptions(string Data, string Out, bool Embedding, bool Lda, int MinTopics, int MaxTopics, int LdaStep, int Restarts, int Seed, string? VectorsCache, bool Center, double WordWeight = 0, int WordVocabulary = 1000, double TitleWeight = 0, Core.Topics.TopicClustering Clustering = Core.Topics.TopicClustering.SphericalKMeans)
{
    public static TopicsOptions Parse(IReadOnlyList<string> args)
    {
        string? data = null, format = null, outPath = null, method = "both", cache = null, clustering = "kmeans";
        int minTopics = 5, maxTopics = 40, ldaStep = 5, restarts = 8, seed = 42;
        var center = false;
        double wordWeight = 0, titleWeight = 0;
        var vocabulary = 1000;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--center") { center = true; continue; }
            if (i + 1 >= args.Count) throw new ArgumentException($"unknown or incomplete option '{args[i]}'");
            var value = args[++i];
            switch (args[i - 1])
            {
                case "--data": data = value; break;
                case "--format": format = value; break;
                case "--out": outPath = value; break;
                case "--method": method = value; break;
                case "--vectors-cache": cache = value; break;
                case "--min-topics": minTopics = Whole("--min-topics", value, 2); break;
                case "--max-topics": maxTopics = Whole("--max-topics", value, 2); break;
                case "--lda-step": ldaStep = Whole("--lda-step", value, 1); break;
                case "--restarts": restarts = Whole("--restarts", value, 1); break;
                case "--word-weight": wordWeight = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var w) && w is >= 0 and < 1 ? w : throw new ArgumentException($"--word-weight: '{value}' is not a number in [0, 1)"); break;
                case "--title-weight": titleWeight = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t is >= 0 and < 1 ? t : throw new ArgumentException($"--title-weight: '{value}' is not a number in [0, 1)"); break;
                case "--clustering": clustering = value; break;
                case "--word-vocabulary": vocabulary = Whole("--word-vocabulary", value, 1); break;
                case "--seed": seed = Whole("--seed", value, int.MinValue); break;
                default: throw new ArgumentException($"unknown option '{args[i - 1]}'");
            }
        }
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
