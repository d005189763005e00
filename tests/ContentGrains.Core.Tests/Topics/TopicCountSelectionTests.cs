using ContentGrains.Core.Topics;

namespace ContentGrains.Core.Tests.Topics;

public sealed class TopicCountSelectionTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    public void Silhouette_chooses_the_planted_number_of_topics(int planted)
    {
        var (points, truth) = PlantedTopics.Draw(planted, perCluster: 30, dimensions: 32, noise: 0.3f, seed: planted);
        var words = points.Select((_, i) => (IReadOnlyList<string>)[$"w{truth[i]}"]).ToList();
        var fit = new EmbeddingTopicModeler(new EmbeddingTopicOptions(MinTopics: 2, MaxTopics: 10, Restarts: 3, Seed: 1)).Fit(points, words);

        Assert.Equal(planted, fit.Model.Topics.Count);
        Assert.Equal(Enumerable.Range(2, 9), fit.Tried.Select(t => t.K));
        Assert.Equal(1.0, NormalizedMutualInformation.Between(fit.MainTopics, truth), 9);
        // Each topic is named by the one word its planted cluster carries.
        Assert.Equal(Enumerable.Range(0, planted).Select(c => $"w{c}").Order(), fit.Model.Topics.Select(t => t.Words[0].Word).Order());
    }

    [Fact]
    public void Ties_keep_the_smallest_k_and_every_k_is_reported()
    {
        var choice = TopicCountSelection.Choose([6, 2, 4], k => k, k => k == 2 || k == 4 ? 1.0 : 0.5);
        Assert.Equal(2, choice.K);
        Assert.Equal([2, 4, 6], choice.Tried.Select(t => t.K));
    }

    [Fact]
    public void Each_k_is_announced_once_fitted_and_scored_in_the_order_tried()
    {
        var (fitted, announced) = (new List<int>(), new List<(int K, int FittedSoFar)>());

        TopicCountSelection.Choose([6, 2, 4], k => { fitted.Add(k); return k; }, k => 1.0 / k, k => announced.Add((k, fitted.Count)));

        Assert.Equal(new[] { (2, 1), (4, 2), (6, 3) }, announced); // after its own fit, before the next one
    }

    [Fact]
    public void A_range_beyond_the_items_is_capped_and_a_bad_range_named()
    {
        Assert.Equal([2, 4], TopicCountSelection.Range(2, 10, 2, items: 5));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TopicCountSelection.Range(1, 10, 1, items: 50));
        Assert.Contains("at least 2", error.Message);
    }
}
