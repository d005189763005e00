namespace ContentGrains.Core.Rules;

/// <summary>
/// An FP-tree over item ranks (0 = the most frequent item): paths share prefixes, each node counts the baskets
/// through it, and each rank's nodes are chained from <see cref="Head"/> through <see cref="Next"/>. Nodes live in
/// parallel lists (node 0 is the root) so a tree is a handful of arrays, not an object per node.
/// </summary>
internal sealed class FpTree
{
    private readonly List<int> item = [-1];
    private readonly List<int> parent = [-1];
    private readonly List<int> count = [0];
    private readonly List<int> next = [-1];
    private readonly Dictionary<long, int> children = [];

    public FpTree(int ranks)
    {
        Head = new int[ranks];
        Array.Fill(Head, -1);
        Support = new int[ranks];
    }

    /// <summary>Per rank, its first node, or -1 when the rank is absent.</summary>
    public int[] Head { get; }

    /// <summary>Per rank, the baskets (weighted) that hold it in this tree.</summary>
    public int[] Support { get; }

    public bool IsEmpty => item.Count == 1;

    public int Next(int node) => next[node];

    public int CountOf(int node) => count[node];

    /// <summary>The node above <paramref name="node"/>; 0 is the root (walk up while the parent is above 0).</summary>
    public int Parent(int node) => parent[node];

    public int RankOf(int node) => item[node];

    /// <summary>Adds a path of ranks in ascending order, <paramref name="weight"/> baskets strong.</summary>
    public void Insert(ReadOnlySpan<int> ascendingRanks, int weight)
    {
        var node = 0;
        foreach (var rank in ascendingRanks)
        {
            var key = ((long)node << 32) | (uint)rank;
            if (!children.TryGetValue(key, out var child))
            {
                child = item.Count;
                item.Add(rank);
                parent.Add(node);
                count.Add(0);
                next.Add(Head[rank]);
                Head[rank] = child;
                children.Add(key, child);
            }
            count[child] += weight;
            Support[rank] += weight;
            node = child;
        }
    }
}
