namespace ContentGrains.Core.Click;

/// <summary>
/// One regression tree over a feature row, as plain arrays. Internal node n tests row[Feature[n]] ≤ Threshold[n]
/// and goes to Left[n] when it holds, else Right[n]; a child index c ≥ 0 is another internal node and c &lt; 0 is
/// leaf ~c (−1 is leaf 0). A tree with no internal node is a single leaf. The layout is ML.NET's own for the trees it
/// reads back from LightGBM, so a fitted booster's trees copy over unchanged.
/// </summary>
public sealed record ClickTree(int[] Left, int[] Right, int[] Feature, float[] Threshold, double[] LeafValues)
{
    public int InternalNodes => Feature.Length;

    public double Evaluate(ReadOnlySpan<float> row)
    {
        if (InternalNodes == 0) return LeafValues[0];
        var node = 0;
        while (node >= 0) node = row[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
        return LeafValues[~node];
    }

    /// <summary>Throws when the arrays disagree in length or a child points outside the tree.</summary>
    public void Validate(int featureCount)
    {
        var nodes = InternalNodes;
        if (Left.Length != nodes || Right.Length != nodes || Threshold.Length != nodes)
            throw new ArgumentException($"a tree's node arrays differ in length: {Left.Length} left, {Right.Length} right, {nodes} features, {Threshold.Length} thresholds");
        if (LeafValues.Length != nodes + 1) throw new ArgumentException($"a tree with {nodes} internal nodes has {nodes + 1} leaves, not {LeafValues.Length}");
        for (var n = 0; n < nodes; n++)
        {
            if (Feature[n] < 0 || Feature[n] >= featureCount) throw new ArgumentException($"node {n} splits on feature {Feature[n]}, outside 0..{featureCount - 1}");
            foreach (var child in (int[])[Left[n], Right[n]])
                if (child >= nodes || ~child > nodes) throw new ArgumentException($"node {n} has child {child}, outside the tree");
        }
    }
}

/// <summary>
/// A sum of regression trees plus a base value: score(row) = Base + Σ tree(row). The boosted half of the click model
/// (<c>Analysis/Click/LightGbmClickTrainer</c> fits it); its score is added to the MLP's logit before the sigmoid,
/// so the trees' leaves are already scaled to the logit (<see cref="Scaled"/>).
/// </summary>
public sealed record ClickTreeEnsemble(IReadOnlyList<ClickTree> Trees, double Base)
{
    /// <summary>One score per row of <paramref name="rows"/> (row-major, <paramref name="featureCount"/> wide), using the first <paramref name="treeCount"/> trees (all when null).</summary>
    public double[] Score(float[] rows, int featureCount, int? treeCount = null)
    {
        var count = rows.Length / featureCount;
        var used = Math.Min(treeCount ?? Trees.Count, Trees.Count);
        var scores = new double[count];
        for (var r = 0; r < count; r++)
        {
            var row = rows.AsSpan(r * featureCount, featureCount);
            var sum = Base;
            for (var t = 0; t < used; t++) sum += Trees[t].Evaluate(row);
            scores[r] = sum;
        }
        return scores;
    }

    /// <summary>The first <paramref name="treeCount"/> trees: a booster stopped earlier.</summary>
    public ClickTreeEnsemble Take(int treeCount) => this with { Trees = Trees.Take(treeCount).ToArray() };

    /// <summary>score → factor · score + offset, by scaling every leaf and the base.</summary>
    public ClickTreeEnsemble Scaled(double factor, double offset) => new(
        Trees.Select(t => t with { LeafValues = t.LeafValues.Select(v => v * factor).ToArray() }).ToArray(), Base * factor + offset);

    public void Validate(int featureCount)
    {
        foreach (var tree in Trees) tree.Validate(featureCount);
        if (!double.IsFinite(Base)) throw new ArgumentException($"the ensemble's base {Base} is not a number");
    }
}
