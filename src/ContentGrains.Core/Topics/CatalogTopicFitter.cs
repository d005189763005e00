namespace ContentGrains.Core.Topics;

/// <summary>An item as the topic fit reads it: its unit text vector and the words of its title and tags.</summary>
public sealed record TopicDocument(string ItemId, float[] Vector, IReadOnlyList<string> Words);

/// <summary>
/// Fits the served topics over the catalog: the embedding method (<see cref="EmbeddingTopicModeler"/>: spherical
/// k-means, k by cosine silhouette) on a seeded sample of at most <see cref="CatalogTopicOptions.SampleSize"/> items, so
/// the cost of choosing k does not grow with the catalog; then every item's mixture from the centroids, each topic's
/// size and top items over the whole catalog (<see cref="TopicItemLists"/>), and its words by c-TF-IDF over all items.
/// </summary>
public sealed class CatalogTopicFitter(CatalogTopicOptions options)
{
    public const string MethodName = "spherical k-means over MiniLM item text vectors; words by class-based TF-IDF";
    public const string KChosenByName = "cosine silhouette";

    public CatalogTopics Fit(IReadOnlyList<TopicDocument> documents, DateTimeOffset now)
    {
        // k is chosen among MinTopics..MaxTopics, each below the number of items: fewer items leave nothing to choose from.
        if (documents.Count <= options.MinTopics)
            throw new TooFewItemsException($"topics need more than {options.MinTopics} items with a text vector, found {documents.Count}");
        var sample = Sample(documents);
        var fit = new EmbeddingTopicModeler(new EmbeddingTopicOptions(options.MinTopics, options.MaxTopics, 1, options.Restarts, options.Seed))
            .Fit(sample.Select(d => d.Vector).ToList(), sample.Select(d => d.Words).ToList());
        var k = fit.Model.Topics.Count;
        var lists = new TopicItemLists(k, options.TopItemsPerTopic);
        var items = new List<ItemTopics>(documents.Count);
        foreach (var document in documents)
        {
            var mixture = fit.Model.MixtureOf(document.Vector);
            lists.Offer(document.ItemId, mixture);
            items.Add(ItemTopics.Of(document.ItemId, mixture));
        }
        var mains = items.Select(i => i.MainTopic).ToList();
        var words = ClassTfIdf.TopWords(documents.Select(d => d.Words).ToList(), mains, k, options.WordsPerTopic);
        var top = lists.Lists();
        var topics = Enumerable.Range(0, k).Select(t => new CatalogTopic(t, NameOf(words[t], t), words[t], mains.Count(m => m == t),
            fit.Model.Topics[t].Centroid, top[t])).ToList();
        return new CatalogTopics(MethodName, KChosenByName, fit.Tried, fit.Model.Dimensions, topics, items, now);
    }

    /// <summary>A topic's name: its three heaviest words ("topic 3" when its items had no words).</summary>
    public static string NameOf(IReadOnlyList<TopicWord> words, int topic) =>
        words.Count == 0 ? $"topic {topic}" : string.Join(", ", words.Take(3).Select(w => w.Word));

    private IReadOnlyList<TopicDocument> Sample(IReadOnlyList<TopicDocument> documents)
    {
        if (documents.Count <= options.SampleSize) return documents;
        var all = documents.ToArray();
        new Random(options.Seed).Shuffle(all);
        return all[..options.SampleSize];
    }
}

/// <summary>
/// The served topics' fit: the range of k tried (chosen by silhouette), k-means restarts, the seed, the sample k is
/// chosen on, how many top items each topic keeps and how many words name it.
/// </summary>
public sealed record CatalogTopicOptions(
    int MinTopics = 5, int MaxTopics = 40, int Restarts = 4, int Seed = 42, int SampleSize = 4_000, int TopItemsPerTopic = 100, int WordsPerTopic = 10);
