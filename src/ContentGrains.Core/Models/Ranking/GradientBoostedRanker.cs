namespace ContentGrains.Core.Models.Ranking;

/// <summary>The hyperparameters of <see cref="GradientBoostedRanker"/>.</summary>
/// <param name="Truncation">LambdaMART's NDCG truncation: only pairs with at least one item ranked above this count.</param>
/// <param name="LinearIterations">Steps of the <see cref="LinearRanker"/> the trees start from; 0 starts from 0.</param>
public sealed record RankerOptions(
    int Trees = 150,
    int Leaves = 16,
    double LearningRate = 0.05,
    int MinRowsInLeaf = 100,
    double L2 = 10.0,
    int MaxBins = 64,
    int Truncation = 20,
    int LinearIterations = 100,
    double LinearRate = 0.05);

/// <summary>
/// LambdaMART (Burges 2010): gradient-boosted regression trees whose gradients are LambdaRank's, the RankNet
/// pairwise logistic gradient of each (relevant, irrelevant) pair in a group weighted by how much swapping the two
/// would change the group's NDCG. It learns an order of the rows inside each group, not calibrated values.
/// The trees boost from a <see cref="LinearRanker"/> when <see cref="RankerOptions.LinearIterations"/> &gt; 0.
/// </summary>
public sealed class GradientBoostedRanker : IRowRanker
{
    private readonly LinearRanker? linear;
    private readonly RegressionTree[] trees;

    private GradientBoostedRanker(int featureCount, LinearRanker? linear, RegressionTree[] trees)
    {
        FeatureCount = featureCount;
        this.linear = linear;
        this.trees = trees;
    }

    public int FeatureCount { get; }

    public int TreeCount => trees.Length;

    public static GradientBoostedRanker Fit(RankingData data, RankerOptions? options = null)
    {
        options ??= new RankerOptions();
        var linear = options.LinearIterations > 0 ? LinearRanker.Fit(data, options.LinearIterations, options.LinearRate, options.Truncation) : null;
        var scores = new double[data.RowCount];
        if (linear is not null)
        {
            for (var r = 0; r < scores.Length; r++)
                scores[r] = linear.Predict(data.Row(r));
        }
        var gradients = new double[data.RowCount];
        var hessians = new double[data.RowCount];
        var rows = new int[data.RowCount];
        var trees = new RegressionTree[options.Trees];
        var grower = options.Trees > 0 ? new TreeGrower(data, options.MaxBins) : null;
        for (var t = 0; t < options.Trees; t++)
        {
            LambdaRank.Gradients(data, scores, gradients, hessians, options.Truncation);
            for (var r = 0; r < rows.Length; r++)
                rows[r] = r;
            trees[t] = grower!.Grow(gradients, hessians, rows, scores, options);
        }
        return new GradientBoostedRanker(data.FeatureCount, linear, trees);
    }

    public float Predict(ReadOnlySpan<float> row)
    {
        var sum = linear?.Predict(row) ?? 0f;
        foreach (var tree in trees)
            sum += tree.Predict(row);
        return sum;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(FeatureCount);
        writer.Write(linear is not null);
        linear?.Write(writer);
        writer.Write(trees.Length);
        foreach (var tree in trees)
            tree.Write(writer);
    }

    public static GradientBoostedRanker Read(BinaryReader reader)
    {
        var featureCount = reader.ReadInt32();
        var linear = reader.ReadBoolean() ? LinearRanker.Read(reader) : null;
        var trees = new RegressionTree[reader.ReadInt32()];
        for (var t = 0; t < trees.Length; t++)
            trees[t] = RegressionTree.Read(reader);
        return new GradientBoostedRanker(featureCount, linear, trees);
    }
}
