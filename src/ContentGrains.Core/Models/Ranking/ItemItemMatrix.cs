using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace ContentGrains.Core.Models.Ranking;

/// <summary>
/// A fitted item-to-item scorer kept as a dense n × n matrix W: a history's scores are the sum of its items' rows.
/// EASE, ItemKNN and RP3beta all score this way, so the hybrid copies each of them into one of these and can then
/// save and load them all the same way.
/// </summary>
public sealed class ItemItemMatrix : IHistoryScorer
{
    private readonly float[] weights; // row-major: weights[i * ItemCount + j] = W_ij

    private ItemItemMatrix(int itemCount, float[] weights)
    {
        ItemCount = itemCount;
        this.weights = weights;
    }

    public int ItemCount { get; }

    /// <summary>
    /// Copies a fitted scorer whose scores are additive over the history's items (row i = the scores of history {i}).
    /// </summary>
    public static ItemItemMatrix Of(IHistoryScorer scorer)
    {
        var n = scorer.ItemCount;
        var weights = new float[n * n];
        var single = new int[1];
        for (var i = 0; i < n; i++)
        {
            single[0] = i;
            scorer.ScoreHistory(single, weights.AsSpan(i * n, n));
        }
        return new ItemItemMatrix(n, weights);
    }

    public void ScoreHistory(ReadOnlySpan<int> history, Span<float> scores)
    {
        var target = scores[..ItemCount];
        target.Clear();
        foreach (var item in history)
            TensorPrimitives.Add(target, weights.AsSpan(item * ItemCount, ItemCount), target);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(ItemCount);
        writer.Write(MemoryMarshal.AsBytes(weights.AsSpan()));
    }

    public static ItemItemMatrix Read(BinaryReader reader)
    {
        var n = reader.ReadInt32();
        var weights = new float[n * n];
        var bytes = MemoryMarshal.AsBytes(weights.AsSpan());
        reader.BaseStream.ReadExactly(bytes);
        return new ItemItemMatrix(n, weights);
    }
}
