using ContentGrains.Core.Topics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace ContentGrains.Analysis.Topics;

/// <summary>
/// The classical topic method: ML.NET's LatentDirichletAllocation (LightLDA) over word counts, for every k in a range,
/// the k whose top words are most coherent (mean NPMI over the corpus) kept. Documents arrive as Core's
/// <see cref="TopicWords"/>, so LDA, the coherence measure and c-TF-IDF all read the same words. ML.NET's LDA prints
/// its progress to standard output: a caller writing JSON there must write it elsewhere.
/// </summary>
public sealed class LdaTopicModeler(LdaTopicOptions options)
{
    /// <param name="tried">Told each number of topics once it is fitted and scored (progress).</param>
    public LdaTopicFit Fit(IReadOnlyList<IReadOnlyList<string>> documentWords, Action<int>? tried = null)
    {
        if (documentWords.Count == 0) throw new ArgumentException("documents: none given", nameof(documentWords));
        var coherence = new NpmiCoherence(documentWords);
        var candidates = TopicCountSelection.Range(options.MinTopics, options.MaxTopics, options.Step, documentWords.Count);
        var choice = TopicCountSelection.Choose(candidates, k => FitOnce(documentWords, k),
            fit => coherence.Mean(fit.Words.Select(topic => (IReadOnlyList<string>)topic.Select(w => w.Word).ToList())), tried);
        return choice.Fit with { Tried = choice.Tried };
    }

    private LdaTopicFit FitOnce(IReadOnlyList<IReadOnlyList<string>> documentWords, int k)
    {
        var ml = AnalysisContext.Create(options.Seed);
        var data = ml.Data.LoadFromEnumerable(documentWords.Select(words => new Document { Text = string.Join(' ', words) }));
        var model = ml.Transforms.Text.TokenizeIntoWords("Tokens", nameof(Document.Text), separators: [' '])
            .Append(ml.Transforms.Conversion.MapValueToKey("Tokens"))
            .Append(ml.Transforms.Text.ProduceNgrams("Tokens", ngramLength: 1, useAllLengths: false, weighting: NgramExtractingEstimator.WeightingCriteria.Tf))
            .Append(ml.Transforms.Text.LatentDirichletAllocation("Topics", "Tokens", numberOfTopics: k,
                maximumNumberOfIterations: options.Iterations, numberOfThreads: 1, resetRandomGenerator: true,
                numberOfSummaryTermsPerTopic: options.WordsPerTopic))
            .Fit(data);
        var mixtures = ml.Data.CreateEnumerable<Mixture>(model.Transform(data), reuseRowObject: false).Select(m => m.Topics).ToList();
        var details = model.LastTransformer.GetLdaDetails(0);
        var words = details.WordScoresPerTopic
            .Select(topic => (IReadOnlyList<TopicWord>)topic.OrderByDescending(w => w.Score).Take(options.WordsPerTopic).Select(w => new TopicWord(w.Word, w.Score)).ToList())
            .ToList();
        return new LdaTopicFit(k, words, mixtures.Select(MainTopic).ToArray(), []);
    }

    private static int MainTopic(float[] mixture) => mixture.Length == 0 ? 0 : Array.IndexOf(mixture, mixture.Max());

    private sealed class Document { public string Text { get; set; } = ""; }

    private sealed class Mixture { public float[] Topics { get; set; } = []; }
}

/// <summary>The range of topic counts tried, LDA's iterations, the seed, and how many words name each topic.</summary>
public sealed record LdaTopicOptions(int MinTopics = 5, int MaxTopics = 40, int Step = 5, int Iterations = 200, int Seed = 42, int WordsPerTopic = 10);

/// <summary>The chosen k, each topic's words, each document's main topic, and the coherence of every k tried.</summary>
public sealed record LdaTopicFit(int K, IReadOnlyList<IReadOnlyList<TopicWord>> Words, int[] MainTopics, IReadOnlyList<TopicCountScore> Tried);
