using ContentGrains.Core.Data;

namespace ContentGrains.Core.Models;

/// <summary>
/// Popularity among similar people: for each side feature f of a user (age group, gender, occupation, from the
/// data set's <c>.user</c> file), the share of training users with f who took item i, shrunk towards the share of
/// all training users, (count_f(i) + m·p(i)) / (n_f + m); a user's score is the mean over their features, and
/// plain popularity p(i) when they have none. It needs no history, so it serves brand-new users with known
/// attributes (<see cref="ScoreFeatures"/>) and can feed a hybrid; it is not an <see cref="IHistoryScorer"/>.
/// </summary>
public sealed class DemographicModel : IRecommenderModel
{
    private float[] globalShare = [];   // p(i): share of training users (with any item) who took item i
    private float[] featureShare = [];  // row-major [feature * itemCount + item]: the shrunk share among users with the feature
    private int itemCount;

    /// <param name="userFeatures">The side features of the split's users (same indices as the interactions).</param>
    /// <param name="shrinkage">m, the number of average users added to every feature group, so small groups lean on popularity.</param>
    public DemographicModel(FeatureTable userFeatures, double shrinkage = 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shrinkage);
        UserFeatures = userFeatures;
        Shrinkage = shrinkage;
    }

    public FeatureTable UserFeatures { get; }

    public double Shrinkage { get; }

    public static DemographicModel FromContext(ModelContext context, FeatureTableOptions? options = null, double shrinkage = 20)
    {
        var userFile = context.UserFile ?? throw new InvalidOperationException(
            "The demographic model needs the data set's user side file (NAME.user, RecBole's atomic user file) and this data set has none.");
        return new DemographicModel(FeatureTable.Build(userFile, context.Users, options), shrinkage);
    }

    public void Fit(InteractionSet train)
    {
        if (train.UserCount != UserFeatures.EntityCount)
            throw new ArgumentException($"The interactions have {train.UserCount} users, the feature table {UserFeatures.EntityCount}.", nameof(train));
        itemCount = train.ItemCount;
        var featureCount = UserFeatures.FeatureCount;
        var counts = new double[featureCount * itemCount];
        var usersWith = new double[featureCount];
        var activeUsers = 0;
        for (var user = 0; user < train.UserCount; user++)
        {
            var items = train.ItemsOf(user);
            if (items.IsEmpty)
                continue;
            activeUsers++;
            foreach (var feature in UserFeatures.FeaturesOf(user))
            {
                usersWith[feature]++;
                foreach (var item in items)
                    counts[feature * itemCount + item]++;
            }
        }

        var itemCounts = train.ItemCounts();
        globalShare = Array.ConvertAll(itemCounts, count => activeUsers == 0 ? 0f : (float)count / activeUsers);
        featureShare = new float[featureCount * itemCount];
        for (var feature = 0; feature < featureCount; feature++)
        {
            var denominator = usersWith[feature] + Shrinkage;
            for (var item = 0; item < itemCount; item++)
            {
                var cell = feature * itemCount + item;
                featureShare[cell] = denominator == 0
                    ? globalShare[item]
                    : (float)((counts[cell] + Shrinkage * globalShare[item]) / denominator);
            }
        }
    }

    public void Score(int user, Span<float> scores) => ScoreFeatures(UserFeatures.FeaturesOf(user), scores);

    /// <summary>Scores for someone with these side features (indices into <see cref="UserFeatures"/>); none gives popularity.</summary>
    public void ScoreFeatures(ReadOnlySpan<int> features, Span<float> scores)
    {
        if (globalShare.Length == 0)
            throw new InvalidOperationException("Fit the model before scoring.");
        var target = scores[..itemCount];
        if (features.IsEmpty)
        {
            globalShare.CopyTo(target);
            return;
        }
        target.Clear();
        foreach (var feature in features)
            System.Numerics.Tensors.TensorPrimitives.Add(target, featureShare.AsSpan(feature * itemCount, itemCount), target);
        System.Numerics.Tensors.TensorPrimitives.Divide(target, features.Length, target);
    }

    /// <summary>Scores for a new user described by side-file cells by column name (e.g. age, gender, occupation).</summary>
    public void ScoreFields(IReadOnlyDictionary<string, string> cells, Span<float> scores) =>
        ScoreFeatures(UserFeatures.Encode(cells).Features, scores);
}
