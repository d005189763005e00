using System.Text.Json;

namespace ContentGrains.Core.Topics;

/// <summary>
/// The topics fitted over the catalog's item text vectors, as stored in the model store and served on every silo:
/// how they were found (<see cref="Method"/>, and how k was chosen with the score of every k tried), each topic with its
/// name, words, size, unit centroid and top items, and each item's mixture (shares of at least
/// <see cref="TopicInterests.MinShare"/>, heaviest first). Items added after the fit get their mixture from their vector
/// and the centroids (<see cref="TopicModel.MixtureOf"/>).
/// </summary>
public sealed record CatalogTopics(
    string Method,
    string KChosenBy,
    IReadOnlyList<TopicCountScore> Tried,
    int Dimensions,
    IReadOnlyList<CatalogTopic> Topics,
    IReadOnlyList<ItemTopics> Items,
    DateTimeOffset FittedAt)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public byte[] ToJsonBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static CatalogTopics FromJson(ReadOnlySpan<byte> bytes) =>
        JsonSerializer.Deserialize<CatalogTopics>(bytes, Json) ?? throw new InvalidDataException("the stored topic model is empty");
}

/// <summary>
/// One served topic: its id, a short name (its three heaviest words), its c-TF-IDF words, how many items have it as
/// their main topic, its unit centroid in the text encoder's space, and the items most inside it (most first).
/// </summary>
public sealed record CatalogTopic(int Id, string Name, IReadOnlyList<TopicWord> Words, int Size, float[] Centroid, IReadOnlyList<string> TopItems);

/// <summary>An item's topic mixture: topic ids with their shares, heaviest first; the first is its main topic.</summary>
public sealed record ItemTopics(string ItemId, int[] Topics, float[] Shares)
{
    public int MainTopic => Topics[0];

    public IReadOnlyList<TopicShare> ToShares() => Topics.Select((t, i) => new TopicShare(t, Shares[i])).ToList();

    /// <summary>The shares of at least <paramref name="minShare"/> (always the main one), heaviest first.</summary>
    public static ItemTopics Of(string itemId, IReadOnlyList<float> mixture, double minShare = TopicInterests.MinShare)
    {
        var kept = Enumerable.Range(0, mixture.Count).OrderByDescending(t => mixture[t]).ThenBy(t => t)
            .Select((t, rank) => (t, rank)).Where(x => x.rank == 0 || mixture[x.t] >= minShare).Select(x => x.t).ToArray();
        return new ItemTopics(itemId, kept, kept.Select(t => (float)Math.Round(mixture[t], 4)).ToArray());
    }

    /// <summary>The mixture as one share per topic (0 where none was kept), as <see cref="TopicInterests.Match"/> reads it.</summary>
    public float[] Dense(int topicCount)
    {
        var dense = new float[topicCount];
        for (var i = 0; i < Topics.Length; i++) if (Topics[i] < topicCount) dense[Topics[i]] = Shares[i];
        return dense;
    }
}
