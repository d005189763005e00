namespace ContentGrains.Core.Topics;

/// <summary>
/// The embedding topic method: spherical k-means (or Ward's linkage) over unit text vectors for every k in a range, the k with the highest
/// cosine silhouette kept, each topic named by its class-based TF-IDF words. The silhouette is computed on at most
/// <see cref="CosineSilhouette.MaxPoints"/> items (a seeded sample of a larger catalog). With
/// <see cref="EmbeddingTopicOptions.Center"/>, the corpus' mean vector is taken off every vector first (and kept with the
/// model): sentence vectors share a common direction (all news looks alike to MiniLM next to, say, a recipe), and
/// cosines measured around the corpus' own centre might separate its topics better. Off by default: on MIND's news
/// sample it did not raise NMI (0.378 centred against 0.404 plain; docs/content-strategy.md, "Topics").
/// </summary>
public sealed class EmbeddingTopicModeler(EmbeddingTopicOptions options)
{
    /// <param name="tried">Told each number of topics once it is fitted and scored (progress).</param>
    public EmbeddingTopicFit Fit(IReadOnlyList<float[]> unitVectors, IReadOnlyList<IReadOnlyList<string>> documentWords, Action<int>? tried = null)
    {
        if (unitVectors.Count != documentWords.Count)
            throw new ArgumentException($"documentWords: {documentWords.Count} given for {unitVectors.Count} vectors", nameof(documentWords));
        var offset = options.Center ? CorpusCentre.Of(unitVectors) : null;
        if (offset is not null) unitVectors = unitVectors.Select(v => CorpusCentre.Apply(v, offset)).ToList();
        var sample = Sample(unitVectors.Count);
        var silhouette = new CosineSilhouette(sample.Select(i => unitVectors[i]).ToList());
        var candidates = TopicCountSelection.Range(options.MinTopics, options.MaxTopics, options.Step, unitVectors.Count);
        var choice = TopicCountSelection.Choose(candidates, Clusterer(unitVectors),
            fit => silhouette.Score(sample.Select(i => fit.Assignments[i]).ToList()), tried);
        var words = ClassTfIdf.TopWords(documentWords, choice.Fit.Assignments, choice.K, options.WordsPerTopic);
        var sizes = choice.Fit.Sizes();
        var topics = Enumerable.Range(0, choice.K).Select(c => new Topic(c, words[c], sizes[c], choice.Fit.Centroids[c])).ToList();
        return new EmbeddingTopicFit(new TopicModel(topics, unitVectors[0].Length, offset), choice.Fit.Assignments, choice.Tried);
    }

    /// <summary>The fit for each k: k-means restarted per k, or one Ward tree cut at every k.</summary>
    private Func<int, ClusterFit> Clusterer(IReadOnlyList<float[]> unitVectors)
    {
        if (options.Clustering == TopicClustering.Ward)
        {
            var tree = new WardDendrogram(unitVectors);
            return tree.Cut;
        }
        var kMeans = new SphericalKMeans(options.Restarts);
        return k => kMeans.Fit(unitVectors, k, options.Seed);
    }

    private int[] Sample(int count)
    {
        var all = Enumerable.Range(0, count).ToArray();
        if (count <= CosineSilhouette.MaxPoints) return all;
        new Random(options.Seed).Shuffle(all);
        return all[..CosineSilhouette.MaxPoints];
    }
}

/// <summary>The range of topic counts tried, k-means restarts, the seed, how many words name each topic, whether to centre the vectors.</summary>
public sealed record EmbeddingTopicOptions(int MinTopics = 5, int MaxTopics = 40, int Step = 1, int Restarts = 8, int Seed = 42, int WordsPerTopic = 10, bool Center = false,
    TopicClustering Clustering = TopicClustering.SphericalKMeans);

/// <summary>How the vectors are clustered: spherical k-means, or Ward's agglomerative linkage (<see cref="WardDendrogram"/>, at most 4,000 items).</summary>
public enum TopicClustering
{
    SphericalKMeans,
    Ward,
}

/// <summary>The model, each input item's main topic, and the silhouette of every k tried.</summary>
public sealed record EmbeddingTopicFit(TopicModel Model, int[] MainTopics, IReadOnlyList<TopicCountScore> Tried);
