using ContentGrains.Analysis.Topics;
using ContentGrains.Core.Topics;

namespace ContentGrains.Analysis.Tests.Topics;

/// <summary>ML.NET's LDA through the project's modeler, on a tiny corpus with two themes no reader could miss.</summary>
public sealed class LdaTopicModelerTests
{
    private static readonly string[] Football = ["goal", "striker", "league", "match", "referee", "penalty", "keeper", "coach"];
    private static readonly string[] Baking = ["flour", "oven", "butter", "sugar", "dough", "yeast", "bread", "recipe"];

    /// <summary>40 documents, alternating themes, each 12 words drawn from its theme's vocabulary.</summary>
    private static (List<IReadOnlyList<string>> Documents, int[] Themes) Corpus()
    {
        var random = new Random(11);
        var documents = new List<IReadOnlyList<string>>();
        var themes = new int[40];
        for (var d = 0; d < 40; d++)
        {
            themes[d] = d % 2;
            var vocabulary = themes[d] == 0 ? Football : Baking;
            documents.Add(Enumerable.Range(0, 12).Select(_ => vocabulary[random.Next(vocabulary.Length)]).ToList());
        }
        return (documents, themes);
    }

    // At 100 iterations LightLDA had not settled: 'dough' was still the 4th word of the football topic.
    [Fact]
    public void Two_topics_separate_the_two_themes_and_name_them_by_their_words()
    {
        var (documents, themes) = Corpus();
        var fit = new LdaTopicModeler(new LdaTopicOptions(MinTopics: 2, MaxTopics: 2, Iterations: 400, Seed: 3, WordsPerTopic: 5)).Fit(documents);

        Assert.Equal(2, fit.K);
        Assert.Equal(1.0, NormalizedMutualInformation.Between(fit.MainTopics, themes), 9);
        var footballTopic = fit.MainTopics[0];
        Assert.All(fit.Words[footballTopic], w => Assert.Contains(w.Word, Football));
        Assert.All(fit.Words[1 - footballTopic], w => Assert.Contains(w.Word, Baking));
    }

    [Fact]
    public void Coherence_is_reported_for_every_k_tried()
    {
        var (documents, _) = Corpus();
        var fit = new LdaTopicModeler(new LdaTopicOptions(MinTopics: 2, MaxTopics: 6, Step: 2, Iterations: 50, Seed: 3, WordsPerTopic: 4)).Fit(documents);

        Assert.Equal([2, 4, 6], fit.Tried.Select(t => t.K));
        Assert.Equal(fit.Tried.MaxBy(t => t.Score)!.K, fit.K);
        Assert.All(fit.Tried, t => Assert.InRange(t.Score, -1, 1));
    }
}
