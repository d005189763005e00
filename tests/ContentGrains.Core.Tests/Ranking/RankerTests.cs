using ContentGrains.Core.Models.Ranking;

namespace ContentGrains.Core.Tests.Ranking;

public class RankerTests
{
    private const int Features = 3;

    /// <summary>
    /// Groups of 20 rows with three uniform features; <paramref name="relevant"/> says from a row's features whether
    /// it is relevant. Groups without a relevant row or without an irrelevant one are kept (the ranker skips them).
    /// </summary>
    private static RankingData Generate(int groups, int seed, Func<float[], bool> relevant)
    {
        var random = new Random(seed);
        var features = new List<float>();
        var labels = new List<float>();
        var starts = new List<int> { 0 };
        for (var g = 0; g < groups; g++)
        {
            for (var r = 0; r < 20; r++)
            {
                var row = new[] { random.NextSingle(), random.NextSingle(), random.NextSingle() };
                features.AddRange(row);
                labels.Add(relevant(row) ? 1f : 0f);
            }
            starts.Add(labels.Count);
        }
        return new RankingData(Features, features.ToArray(), labels.ToArray(), starts.ToArray());
    }

    /// <summary>The share of groups whose relevant rows all rank above all their irrelevant rows.</summary>
    private static double PerfectlyOrdered(RankingData data, Func<float[], float> predict)
    {
        var perfect = 0;
        for (var g = 0; g < data.GroupCount; g++)
        {
            var (lowestRelevant, highestIrrelevant) = (float.PositiveInfinity, float.NegativeInfinity);
            for (var r = data.GroupStarts[g]; r < data.GroupStarts[g + 1]; r++)
            {
                var score = predict(data.Row(r).ToArray());
                if (data.Labels[r] > 0)
                    lowestRelevant = Math.Min(lowestRelevant, score);
                else
                    highestIrrelevant = Math.Max(highestIrrelevant, score);
            }
            perfect += lowestRelevant > highestIrrelevant ? 1 : 0;
        }
        return perfect / (double)data.GroupCount;
    }

    [Fact]
    public void Linear_ranker_learns_the_signs_of_a_linear_order()
    {
        // Relevant when x1 − x2 is large; x0 is noise. The weights must say: up with x1, down with x2.
        static bool Relevant(float[] x) => x[1] - x[2] > 0.5f;
        var model = LinearRanker.Fit(Generate(300, seed: 1, Relevant), iterations: 200);

        Assert.True(model.Weights[1] > 0, $"w1 = {model.Weights[1]}");
        Assert.True(model.Weights[2] < 0, $"w2 = {model.Weights[2]}");
        Assert.True(Math.Abs(model.Weights[0]) < 0.2 * model.Weights[1], $"w0 = {model.Weights[0]}, w1 = {model.Weights[1]}");
        Assert.True(PerfectlyOrdered(Generate(200, seed: 2, Relevant), x => model.Predict(x)) > 0.95);
    }

    [Fact]
    public void Boosted_trees_learn_an_order_no_weighted_sum_can_express()
    {
        // Relevant inside a band of x0: a linear score puts one side of the band first, trees can cut out the band.
        static bool Relevant(float[] x) => x[0] is > 0.4f and < 0.6f;
        var train = Generate(400, seed: 3, Relevant);
        var test = Generate(200, seed: 4, Relevant);
        var linear = LinearRanker.Fit(train, iterations: 200);
        var trees = GradientBoostedRanker.Fit(train, new RankerOptions(Trees: 30, Leaves: 4, LearningRate: 0.3, MinRowsInLeaf: 20, LinearIterations: 0));

        Assert.True(PerfectlyOrdered(test, x => linear.Predict(x)) < 0.5);
        Assert.True(PerfectlyOrdered(test, x => trees.Predict(x)) > 0.95);
    }

    [Fact]
    public void A_saved_ranker_predicts_the_same_after_loading()
    {
        var train = Generate(100, seed: 5, x => x[0] + x[1] > 1.2f);
        var ranker = GradientBoostedRanker.Fit(train, new RankerOptions(Trees: 10, Leaves: 4, MinRowsInLeaf: 10, LinearIterations: 20));
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            ranker.Write(writer);
        stream.Position = 0;
        using var reader = new BinaryReader(stream);

        var loaded = GradientBoostedRanker.Read(reader);

        Assert.Equal(10, loaded.TreeCount);
        for (var r = 0; r < train.RowCount; r++)
            Assert.Equal(ranker.Predict(train.Row(r)), loaded.Predict(train.Row(r)));
    }

    [Fact]
    public void A_tree_sends_rows_left_up_to_its_threshold()
    {
        // Root splits feature 1 at 0.5: left leaf −1, right leaf +2.
        var tree = new RegressionTree([1, -1, -1], [0.5f, 0, 0], [1, -1, -1], [2, -1, -1], [0, -1f, 2f]);

        Assert.Equal(-1f, tree.Predict([9f, 0.5f]));
        Assert.Equal(2f, tree.Predict([-9f, 0.51f]));
    }

    [Fact]
    public void Subset_keeps_the_groups_of_the_chosen_ids_in_order()
    {
        var data = new RankingData(1, [1, 2, 3, 4, 5], [1, 0, 1, 0, 1], [0, 2, 3, 5], groupIds: [10, 11, 12]);

        var subset = data.Subset(id => id != 11);

        Assert.Equal([10, 12], subset.GroupIds);
        Assert.Equal([0, 2, 4], subset.GroupStarts);
        Assert.Equal([1f, 2, 4, 5], subset.Features);
        Assert.Equal([1f, 0, 0, 1], subset.Labels);
    }
}
