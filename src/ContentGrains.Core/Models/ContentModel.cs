using ContentGrains.Core.Data;

namespace ContentGrains.Core.Models;

/// <summary>
/// Content-based recommendation: each item is its unit TF-IDF feature vector (genres, title words, release decade
/// from the data set's <c>.item</c> file), a user's profile is the plain sum of their items' vectors (no recency or
/// extra weighting), and an item's score is the cosine between the profile and the item. Items are scored from
/// their features alone, so an item nobody has interacted with yet is recommended like any other (cold start);
/// items without features score 0.
/// </summary>
/// <remarks>
/// A data set without an item file cannot be scored by content: <see cref="FromContext"/> then throws, naming the
/// missing file, rather than quietly scoring zeros.
/// </remarks>
public sealed class ContentModel(FeatureTable itemFeatures) : IRecommenderModel, IPersistentModel
{
    public const string KindName = "content";

    public string Kind => KindName;

    public void Save(BinaryWriter writer) => ItemFeatures.Save(writer);

    public static ContentModel Load(BinaryReader reader) => new(FeatureTable.Load(reader));

    private InteractionSet? train;

    public FeatureTable ItemFeatures { get; } = itemFeatures;

    public int ItemCount => ItemFeatures.EntityCount;

    /// <summary>
    /// The feature options <see cref="FromContext"/> uses unless told otherwise: every column but free text. On the
    /// given ml-100k split genres + release decade score validation NDCG@10 0.035, adding title words 0.026, genres
    /// alone 0.027: title words match sequels but mostly match "the", "of" and "man" across unrelated films.
    /// </summary>
    public static readonly FeatureTableOptions DefaultFeatures = new(SkipText: true);

    /// <summary>A content model over the context's item file, with features for the context's items.</summary>
    public static ContentModel FromContext(ModelContext context, FeatureTableOptions? options = null)
    {
        options ??= DefaultFeatures;
        var itemFile = context.ItemFile ?? throw new InvalidOperationException(
            "The content model needs the data set's item side file (NAME.item, RecBole's atomic item file) and this data set has none.");
        return new ContentModel(FeatureTable.Build(itemFile, context.Items, options));
    }

    /// <summary>Content scores need no training; Fit only keeps the users' items for <see cref="Score"/>.</summary>
    public void Fit(InteractionSet train)
    {
        if (train.ItemCount != ItemCount)
            throw new ArgumentException($"The interactions have {train.ItemCount} items, the feature table {ItemCount}.", nameof(train));
        this.train = train;
    }

    public void Score(int user, Span<float> scores)
    {
        var history = train ?? throw new InvalidOperationException("Fit the model before scoring.");
        ScoreHistory(history.ItemsOf(user), scores);
    }

    public void ScoreHistory(ReadOnlySpan<int> history, Span<float> scores)
    {
        var profile = new float[ItemFeatures.FeatureCount];
        foreach (var item in new SortedSet<int>(history.ToArray()))
        {
            var features = ItemFeatures.FeaturesOf(item);
            var weights = ItemFeatures.WeightsOf(item);
            for (var j = 0; j < features.Length; j++)
                profile[features[j]] += weights[j];
        }
        ScoreProfile(profile, scores);
    }

    /// <summary>Cosine of every item with a dense profile over the table's features (any length; zero scores all zero).</summary>
    public void ScoreProfile(ReadOnlySpan<float> profile, Span<float> scores)
    {
        var norm = Math.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares(profile));
        for (var item = 0; item < ItemCount; item++)
        {
            var features = ItemFeatures.FeaturesOf(item);
            var weights = ItemFeatures.WeightsOf(item);
            var dot = 0.0;
            for (var j = 0; j < features.Length; j++)
                dot += profile[features[j]] * weights[j];
            scores[item] = norm > 0 ? (float)(dot / norm) : 0f;
        }
    }
}
