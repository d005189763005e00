namespace ContentGrains.Core.Models.Ranking;

/// <summary>
/// Grows one regression tree on quantile-binned features by second-order boosting (as LightGBM does): leaf-wise,
/// always splitting the leaf whose best split gains most, where a split's gain is
/// <c>G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)</c> for gradient sums G and hessian sums H, and a leaf's value is
/// <c>rate · G/(H+λ)</c> (G points uphill: the direction the scores should move).
/// </summary>
internal sealed class TreeGrower
{
    private readonly byte[][] bins;           // bins[feature][row]
    private readonly float[][] thresholds;    // thresholds[feature][b]: bin b holds values <= thresholds[b]
    private readonly int binSlots;
    private readonly int rowCount;

    public TreeGrower(RankingData data, int maxBins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBins, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBins, 256);
        rowCount = data.RowCount;
        binSlots = maxBins;
        var f = data.FeatureCount;
        bins = new byte[f][];
        thresholds = new float[f][];
        var column = new float[rowCount];
        for (var feature = 0; feature < f; feature++)
        {
            for (var row = 0; row < rowCount; row++)
                column[row] = data.Features[row * f + feature];
            thresholds[feature] = QuantileThresholds(column, maxBins);
            var cuts = thresholds[feature];
            var featureBins = bins[feature] = new byte[rowCount];
            for (var row = 0; row < rowCount; row++)
                featureBins[row] = (byte)LowerBound(cuts, column[row]);
        }
    }

    /// <summary>
    /// Grows a tree for gradients <paramref name="gradients"/> and hessians <paramref name="hessians"/> over the rows
    /// <paramref name="rows"/> (reordered in place), and adds its prediction to <paramref name="scores"/> of those rows.
    /// </summary>
    public RegressionTree Grow(ReadOnlySpan<double> gradients, ReadOnlySpan<double> hessians, int[] rows, Span<double> scores, RankerOptions options)
    {
        var leaves = new List<Leaf> { new(0, rows.Length, Histogram(rows.AsSpan(), gradients, hessians), Node: 0) };
        var nodes = new List<(int Feature, float Threshold, int Left, int Right, float Value)> { (-1, 0, -1, -1, 0) };
        leaves[0] = leaves[0] with { Best = BestSplit(leaves[0], options) };

        while (leaves.Count < options.Leaves)
        {
            var pick = -1;
            for (var l = 0; l < leaves.Count; l++)
            {
                if (leaves[l].Best.Gain > 0 && (pick < 0 || leaves[l].Best.Gain > leaves[pick].Best.Gain))
                    pick = l;
            }
            if (pick < 0)
                break;

            var parent = leaves[pick];
            var split = parent.Best;
            var middle = Partition(rows, parent.Start, parent.End, bins[split.Feature], split.Bin);
            var leftIsSmaller = middle - parent.Start <= parent.End - middle;
            var (smallStart, smallEnd) = leftIsSmaller ? (parent.Start, middle) : (middle, parent.End);
            var small = Histogram(rows.AsSpan(smallStart, smallEnd - smallStart), gradients, hessians);
            var large = parent.Histogram; // reused: parent − small
            for (var s = 0; s < large.Length; s++)
                large[s] -= small[s];

            var leftNode = nodes.Count;
            nodes.Add((-1, 0, -1, -1, 0));
            nodes.Add((-1, 0, -1, -1, 0));
            nodes[parent.Node] = (split.Feature, thresholds[split.Feature][split.Bin], leftNode, leftNode + 1, 0);
            var leftLeaf = new Leaf(parent.Start, middle, leftIsSmaller ? small : large, leftNode);
            var rightLeaf = new Leaf(middle, parent.End, leftIsSmaller ? large : small, leftNode + 1);
            leaves[pick] = leftLeaf with { Best = BestSplit(leftLeaf, options) };
            leaves.Add(rightLeaf with { Best = BestSplit(rightLeaf, options) });
        }

        foreach (var leaf in leaves)
        {
            var (g, h, _) = Totals(leaf.Histogram);
            var value = (float)(options.LearningRate * g / (h + options.L2));
            nodes[leaf.Node] = (-1, 0, -1, -1, value);
            for (var r = leaf.Start; r < leaf.End; r++)
                scores[rows[r]] += value;
        }
        return new RegressionTree(
            nodes.Select(n => n.Feature).ToArray(), nodes.Select(n => n.Threshold).ToArray(),
            nodes.Select(n => n.Left).ToArray(), nodes.Select(n => n.Right).ToArray(), nodes.Select(n => n.Value).ToArray());
    }

    private sealed record Leaf(int Start, int End, double[] Histogram, int Node)
    {
        public Split Best { get; init; } = Split.None;
    }

    private readonly record struct Split(int Feature, int Bin, double Gain)
    {
        public static readonly Split None = new(-1, -1, 0);
    }

    /// <summary>Per feature and bin: gradient sum, hessian sum and row count, at [(feature * binSlots + bin) * 3 + 0..2].</summary>
    private double[] Histogram(ReadOnlySpan<int> rows, ReadOnlySpan<double> gradients, ReadOnlySpan<double> hessians)
    {
        var histogram = new double[bins.Length * binSlots * 3];
        for (var feature = 0; feature < bins.Length; feature++)
        {
            var featureBins = bins[feature];
            var slice = histogram.AsSpan(feature * binSlots * 3, binSlots * 3);
            foreach (var row in rows)
            {
                var at = featureBins[row] * 3;
                slice[at] += gradients[row];
                slice[at + 1] += hessians[row];
                slice[at + 2] += 1;
            }
        }
        return histogram;
    }

    private (double G, double H, double N) Totals(double[] histogram)
    {
        double g = 0, h = 0, n = 0;
        for (var b = 0; b < binSlots; b++) // every feature's bins hold all rows: feature 0 suffices
        {
            g += histogram[b * 3];
            h += histogram[b * 3 + 1];
            n += histogram[b * 3 + 2];
        }
        return (g, h, n);
    }

    private Split BestSplit(Leaf leaf, RankerOptions options)
    {
        var (g, h, n) = Totals(leaf.Histogram);
        if (n < 2 * options.MinRowsInLeaf)
            return Split.None;
        var parentScore = g * g / (h + options.L2);
        var best = Split.None;
        for (var feature = 0; feature < bins.Length; feature++)
        {
            var offset = feature * binSlots * 3;
            double gl = 0, hl = 0, nl = 0;
            for (var b = 0; b < thresholds[feature].Length; b++) // the last bin cannot send rows right
            {
                gl += leaf.Histogram[offset + b * 3];
                hl += leaf.Histogram[offset + b * 3 + 1];
                nl += leaf.Histogram[offset + b * 3 + 2];
                if (nl < options.MinRowsInLeaf)
                    continue;
                if (n - nl < options.MinRowsInLeaf)
                    break;
                var (gr, hr) = (g - gl, h - hl);
                var gain = gl * gl / (hl + options.L2) + gr * gr / (hr + options.L2) - parentScore;
                if (gain > best.Gain)
                    best = new Split(feature, b, gain);
            }
        }
        return best;
    }

    /// <summary>Moves the rows with bin &lt;= <paramref name="bin"/> to the front of [start, end); returns where the rest begin.</summary>
    private static int Partition(int[] rows, int start, int end, byte[] featureBins, int bin)
    {
        var i = start;
        var j = end - 1;
        while (i <= j)
        {
            if (featureBins[rows[i]] <= bin)
                i++;
            else
            {
                (rows[i], rows[j]) = (rows[j], rows[i]);
                j--;
            }
        }
        return i;
    }

    /// <summary>Up to maxBins − 1 distinct cut points at the quantiles of <paramref name="values"/>.</summary>
    private static float[] QuantileThresholds(float[] values, int maxBins)
    {
        var sorted = (float[])values.Clone();
        Array.Sort(sorted);
        var cuts = new List<float>();
        for (var q = 1; q < maxBins; q++)
        {
            var cut = sorted[(int)((long)q * (sorted.Length - 1) / maxBins)];
            if ((cuts.Count == 0 || cut > cuts[^1]) && cut < sorted[^1])
                cuts.Add(cut);
        }
        return cuts.ToArray();
    }

    /// <summary>The first index whose cut is &gt;= value (cuts.Length when none is).</summary>
    private static int LowerBound(float[] cuts, float value)
    {
        int lo = 0, hi = cuts.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (cuts[mid] < value)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
