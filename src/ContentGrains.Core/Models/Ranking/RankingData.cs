namespace ContentGrains.Core.Models.Ranking;

/// <summary>
/// Rows to learn a ranking from: each row is one (user, candidate item) with <see cref="FeatureCount"/> features and
/// a label (1 relevant, 0 not); consecutive rows of one user form a group, rows <c>GroupStarts[g]..GroupStarts[g+1]</c>.
/// Only the order within a group matters to the ranker. <see cref="GroupIds"/> names each group (the user index).
/// </summary>
public sealed class RankingData
{
    public RankingData(int featureCount, float[] features, float[] labels, int[] groupStarts, int[]? groupIds = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        if (features.Length != labels.Length * featureCount)
            throw new ArgumentException("There must be FeatureCount features per label.", nameof(features));
        if (groupStarts.Length == 0 || groupStarts[0] != 0 || groupStarts[^1] != labels.Length)
            throw new ArgumentException("Groups must start at 0 and end at the last row.", nameof(groupStarts));
        FeatureCount = featureCount;
        Features = features;
        Labels = labels;
        GroupStarts = groupStarts;
        GroupIds = groupIds ?? Enumerable.Range(0, groupStarts.Length - 1).ToArray();
        if (GroupIds.Length != GroupCount)
            throw new ArgumentException("There must be one id per group.", nameof(groupIds));
    }

    public int FeatureCount { get; }

    /// <summary>Row-major: row r's features are <c>Features[r * FeatureCount .. (r + 1) * FeatureCount]</c>.</summary>
    public float[] Features { get; }

    public float[] Labels { get; }

    public int[] GroupStarts { get; }

    public int[] GroupIds { get; }

    public int RowCount => Labels.Length;

    public int GroupCount => GroupStarts.Length - 1;

    public ReadOnlySpan<float> Row(int row) => Features.AsSpan(row * FeatureCount, FeatureCount);

    /// <summary>The groups whose id <paramref name="keep"/> selects, in order (for cross-validation over users).</summary>
    public RankingData Subset(Func<int, bool> keep)
    {
        var features = new List<float>();
        var labels = new List<float>();
        var starts = new List<int> { 0 };
        var ids = new List<int>();
        for (var g = 0; g < GroupCount; g++)
        {
            if (!keep(GroupIds[g]))
                continue;
            ids.Add(GroupIds[g]);
            var (from, to) = (GroupStarts[g], GroupStarts[g + 1]);
            features.AddRange(Features.AsSpan(from * FeatureCount, (to - from) * FeatureCount));
            labels.AddRange(Labels.AsSpan(from, to - from));
            starts.Add(labels.Count);
        }
        return new RankingData(FeatureCount, features.ToArray(), labels.ToArray(), starts.ToArray(), ids.ToArray());
    }
}
