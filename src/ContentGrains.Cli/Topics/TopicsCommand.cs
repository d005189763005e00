using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ContentGrains.Analysis.Topics;
using ContentGrains.Cli.CommandLine;
using ContentGrains.Core.Click.Mind;
using ContentGrains.Core.Text;
using ContentGrains.Core.Topics;
using ContentGrains.Inference.Text;

namespace ContentGrains.Cli.Topics;

/// <summary>
/// `contentgrains topics --data news.tsv --format mind --method embedding|lda|both --out F`: finds topics in MIND's
/// articles (title and abstract) with the embedding method (spherical k-means over MiniLM vectors, k by silhouette,
/// words by c-TF-IDF) and/or ML.NET's LDA (k by NPMI coherence), and reports for each the k tried with their measure
/// and the NMI between each article's main topic and its editors' category. JSON goes to --out only: ML.NET's LDA
/// prints its progress to standard output. Exit 0 written, 2 usage or data error.
/// </summary>
public static class TopicsCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <param name="encoder">The sentence encoder (tests give a small one); by default MiniLM, loaded per run.</param>
    public static Command Create(CliIo io, ITextEncoder? encoder = null) => CommandTree.Leaf("topics",
        "Finds topics in MIND's articles with the embedding method (spherical k-means over MiniLM vectors, k by silhouette) and/or ML.NET's LDA (k by NPMI coherence), " +
        "and reports the NMI between each article's main topic and its editors' category. JSON goes to --out only. Exit codes: 0 written, 2 usage or data error.",
        TopicsOptions.Declare(), values => Run(values, io, encoder));

    /// <summary>Runs `topics` with the words after its name.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors, ITextEncoder? encoder = null) =>
        CommandTree.Run(Create(new CliIo(output, errors), encoder), args, new CliIo(output, errors));

    private static int Run(OptionValues values, CliIo io, ITextEncoder? encoder)
    {
        var (output, errors) = (io.Output, io.Errors);
        try
        {
            var options = TopicsOptions.Parse(values);
            var articles = MindReader.ReadNews(options.Data);
            using var owned = encoder is null ? new MiniLmTextEncoder(threads: Math.Max(1, Environment.ProcessorCount)) : null;
            ITextEncoder used = encoder ?? owned!;
            if (options.VectorsCache is not null) used = new VectorCacheFile(used, options.VectorsCache);
            var report = Report(articles, options, used, io);
            File.WriteAllText(options.Out, JsonSerializer.Serialize(report, Json));
            output.WriteLine($"topics: {articles.Count:N0} articles -> {options.Out}");
            return 0;
        }
        catch (Exception error) when (error is ArgumentException or FormatException or MindFormatException or IOException)
        {
            errors.WriteLine($"topics: {error.Message}");
            values.WriteUsage(errors);
            return 2;
        }
    }

    private static object Report(IReadOnlyList<MindNews> articles, TopicsOptions options, ITextEncoder encoder, CliIo io)
    {
        var words = articles.Select(a => (IReadOnlyList<string>)TopicWords.Of(a.Title + "\n" + a.Abstract)).ToList();
        var categories = articles.Select(a => a.Category).ToList();
        return new
        {
            data = options.Data,
            articles = articles.Count,
            categories = categories.Distinct().Count(),
            embedding = options.Embedding ? Embedding(articles, words, categories, options, encoder, io) : null,
            lda = options.Lda ? Lda(words, categories, options, io) : null,
        };
    }

    private static object Embedding(IReadOnlyList<MindNews> articles, List<IReadOnlyList<string>> words, List<string> categories,
        TopicsOptions options, ITextEncoder encoder, CliIo io)
    {
        var started = Stopwatch.GetTimestamp();
        var vectors = encoder.Encode(articles.Select(a => ItemText.For(a.Title, a.Abstract) ?? a.Id).ToList());
        if (options.TitleWeight > 0)
        {
            // The editor's headline on its own: a second MiniLM view of the article, where the abstract cannot drown it.
            var titles = encoder.Encode(articles.Select(a => string.IsNullOrWhiteSpace(a.Title) ? a.Id : a.Title).ToList());
            vectors = vectors.Select((v, i) => WordVectors.Combine(v, titles[i], options.TitleWeight)).ToArray();
        }
        var encodeSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (options.WordWeight > 0)
        {
            var wordVectors = new WordVectors(words, options.WordVocabulary);
            vectors = vectors.Select((v, i) => WordVectors.Combine(v, wordVectors.Of(words[i]), options.WordWeight)).ToArray();
        }
        var modeler = new EmbeddingTopicModeler(new EmbeddingTopicOptions(options.MinTopics, options.MaxTopics, 1, options.Restarts, options.Seed, Center: options.Center, Clustering: options.Clustering));
        var tries = TopicCountSelection.Range(options.MinTopics, options.MaxTopics, 1, words.Count).Count;
        var fit = WorkProgress.Run(io, "topics: embedding", tries, "k tried", progress => modeler.Fit(vectors, words, _ => progress.Advance()));
        var nmi = NormalizedMutualInformation.Between(fit.MainTopics, categories);
        io.Output.WriteLine($"topics: embedding k={fit.Model.Topics.Count} NMI={nmi:F3}");
        return new
        {
            method = $"{(options.Clustering == TopicClustering.Ward ? "Ward's agglomerative clustering" : "spherical k-means")} over {encoder.Dimensions}-dimension MiniLM vectors of title + abstract{(options.Center ? ", centred on the corpus mean" : "")}" +
                (options.TitleWeight > 0 ? $", with the title's own MiniLM vector at weight {options.TitleWeight}" : "") +
                (options.WordWeight > 0 ? $", combined with TF-IDF over the {options.WordVocabulary} most widespread words at weight {options.WordWeight}" : "") +
                "; k by cosine silhouette; words by c-TF-IDF",
            clustering = options.Clustering == TopicClustering.Ward ? "ward" : "kmeans",
            restarts = options.Restarts,
            titleWeight = options.TitleWeight,
            k = fit.Model.Topics.Count,
            tried = fit.Tried.Select(t => new { t.K, silhouette = t.Score }),
            nmi,
            encodeSeconds,
            seconds = Stopwatch.GetElapsedTime(started).TotalSeconds,
            topics = fit.Model.Topics.Select(t => new { t.Id, t.Size, words = t.Words.Select(w => w.Word), mainCategory = MainCategory(categories, fit.MainTopics, t.Id) }),
        };
    }

    private static object Lda(List<IReadOnlyList<string>> words, List<string> categories, TopicsOptions options, CliIo io)
    {
        var started = Stopwatch.GetTimestamp();
        var tries = TopicCountSelection.Range(options.MinTopics, options.MaxTopics, options.LdaStep, words.Count).Count;
        var fit = WorkProgress.Run(io, "topics: lda", tries, "k tried", progress =>
            new LdaTopicModeler(new LdaTopicOptions(options.MinTopics, options.MaxTopics, options.LdaStep, Seed: options.Seed)).Fit(words, _ => progress.Advance()));
        var nmi = NormalizedMutualInformation.Between(fit.MainTopics, categories);
        io.Output.WriteLine($"topics: lda k={fit.K} NMI={nmi:F3}");
        return new
        {
            method = "ML.NET LatentDirichletAllocation over word counts of title + abstract; k by mean NPMI coherence of each topic's top words",
            k = fit.K,
            tried = fit.Tried.Select(t => new { t.K, npmiCoherence = t.Score }),
            nmi,
            seconds = Stopwatch.GetElapsedTime(started).TotalSeconds,
            topics = fit.Words.Select((w, i) => new { id = i, size = fit.MainTopics.Count(m => m == i), words = w.Select(x => x.Word), mainCategory = MainCategory(categories, fit.MainTopics, i) }),
        };
    }

    /// <summary>The category most of a topic's articles carry, so a reader can judge the topic against the editors.</summary>
    private static string? MainCategory(List<string> categories, int[] topics, int topic) =>
        categories.Where((_, i) => topics[i] == topic).GroupBy(c => c).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
}
