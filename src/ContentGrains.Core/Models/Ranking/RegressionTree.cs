namespace ContentGrains.Core.Models.Ranking;

/// <summary>
/// A fitted binary regression tree: an inner node sends a row left when <c>row[feature] &lt;= threshold</c>, and a
/// leaf gives a value. Node 0 is the root.
/// </summary>
public sealed class RegressionTree
{
    private readonly int[] feature;     // -1 for a leaf
    private readonly float[] threshold;
    private readonly int[] left;
    private readonly int[] right;
    private readonly float[] value;     // leaves only

    public RegressionTree(int[] feature, float[] threshold, int[] left, int[] right, float[] value)
    {
        var n = feature.Length;
        if (n == 0 || threshold.Length != n || left.Length != n || right.Length != n || value.Length != n)
            throw new ArgumentException("Every node needs a feature, threshold, left, right and value slot.");
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        this.value = value;
    }

    public int NodeCount => feature.Length;

    public float Predict(ReadOnlySpan<float> row)
    {
        var node = 0;
        while (feature[node] >= 0)
            node = row[feature[node]] <= threshold[node] ? left[node] : right[node];
        return value[node];
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(feature.Length);
        for (var node = 0; node < feature.Length; node++)
        {
            writer.Write(feature[node]);
            writer.Write(threshold[node]);
            writer.Write(left[node]);
            writer.Write(right[node]);
            writer.Write(value[node]);
        }
    }

    public static RegressionTree Read(BinaryReader reader)
    {
        var n = reader.ReadInt32();
        var (feature, threshold, left, right, value) = (new int[n], new float[n], new int[n], new int[n], new float[n]);
        for (var node = 0; node < n; node++)
        {
            feature[node] = reader.ReadInt32();
            threshold[node] = reader.ReadSingle();
            left[node] = reader.ReadInt32();
            right[node] = reader.ReadInt32();
            value[node] = reader.ReadSingle();
        }
        return new RegressionTree(feature, threshold, left, right, value);
    }
}
