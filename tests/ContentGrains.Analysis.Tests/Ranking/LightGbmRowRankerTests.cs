using ContentGrains.Analysis.Ranking;
using ContentGrains.Core.Models.Ranking;

namespace ContentGrains.Analysis.Tests.Ranking;

/// <summary>LightGBM's lambdarank in the hybrid ranker's place learns an order a single feature gives away.</summary>
public sealed class LightGbmRowRankerTests
{
    // 60 groups of 10 rows: the relevant row (one per group, at a varying place) has the higher "signal"; "noise" is random.
    private static RankingData Groups()
    {
        var random = new Random(9);
        var features = new List<float>();
        var labels = new List<float>();
        for (var g = 0; g < 60; g++)
            for (var r = 0; r < 10; r++)
            {
                var relevant = r == g % 10;
                features.AddRange([relevant ? 1f + (float)random.NextDouble() : (float)random.NextDouble(), (float)random.NextDouble()]);
                labels.Add(relevant ? 1 : 0);
            }
        return new RankingData(2, [.. features], [.. labels], Enumerable.Range(0, 61).Select(g => g * 10).ToArray());
    }

    [Fact]
    public void Ranks_each_groups_relevant_row_first()
    {
        var data = Groups();
        using var ranker = LightGbmRowRanker.Fit(data, new LightGbmRankerOptions(Trees: 20, Leaves: 4, MinRowsInLeaf: 5));

        Assert.Equal(2, ranker.FeatureCount);
        for (var g = 0; g < data.GroupCount; g++)
        {
            var rows = Enumerable.Range(data.GroupStarts[g], 10).ToList();
            var top = rows.MaxBy(r => ranker.Predict(data.Row(r)));
            Assert.Equal(1f, data.Labels[top]);
        }
    }
}
