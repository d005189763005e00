using ContentGrains.Core.Data;

namespace ContentGrains.Core.Models;

/// <summary>
/// Item-based k-nearest-neighbours as RecBole 1.2.1's <c>ItemKNN</c> computes it (<c>ComputeSimilarity</c>,
/// <c>compute_items_similarity</c>): on the binary train matrix X (users × items), the similarity of items i and j is
/// <c>dot(i, j) / (‖i‖·‖j‖ + shrink + 1e-6)</c> with the self-similarity set to 0. For every column j of the weight
/// matrix W only the <see cref="Neighbours"/> largest non-zero similarities sim(·, j) are kept, and a user's scores
/// are x_u·W: <c>score(u, j) = Σ sim(i, j)</c> over the user's train items i that are among j's top-k neighbours.
/// </summary>
/// <remarks>
/// Defaults follow RecBole: k = 100 (<c>k</c>), shrink = 0 (<c>shrink</c>). Arithmetic is in float32 as RecBole's.
/// Ties at the k-th place are broken by the lower item index (numpy's <c>argpartition</c> leaves them unspecified).
/// </remarks>
public sealed class ItemKnnModel : IRecommenderModel, IPersistentModel
{
    public const string KindName = "itemknn";

    private InteractionSet? train;
    private (int Item, float Weight)[][] columns = []; // for item j: its kept neighbours i, most similar first
    private int[][] targets = [];   // for item i: the items j whose kept neighbours include i, ascending
    private float[][] weights = []; // W_ij for the matching entries of targets[i]

    public ItemKnnModel(int neighbours = 100, double shrink = 0.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(neighbours);
        ArgumentOutOfRangeException.ThrowIfNegative(shrink);
        Neighbours = neighbours;
        Shrink = shrink;
    }

    public int Neighbours { get; }

    public double Shrink { get; }

    public void Fit(InteractionSet train)
    {
        var n = train.ItemCount;
        var usersByItem = UsersByItem(train);
        var norms = new float[n];
        for (var i = 0; i < n; i++)
            norms[i] = MathF.Sqrt(usersByItem[i].Length);

        var k = Math.Min(Neighbours, n);
        var shrink = (float)Shrink;
        var kept = new (int Item, float Weight)[n][]; // kept[j]: the neighbours i of column j
        Parallel.For(
            0,
            n,
            () => (Dots: new float[n], Touched: new List<int>()),
            (j, _, buffer) =>
            {
                kept[j] = Column(j, train, usersByItem, norms, k, shrink, buffer.Dots, buffer.Touched);
                return buffer;
            },
            _ => { });

        UseColumns(kept, n);
        this.train = train;
        itemCount = n;
    }

    /// <summary>The kept neighbours of <paramref name="item"/> (the items most similar to it), most similar first.</summary>
    public ReadOnlySpan<(int Item, float Weight)> NeighboursOf(int item) => columns[item];

    public string Kind => KindName;

    public void Save(BinaryWriter writer)
    {
        writer.Write(Neighbours);
        writer.Write(Shrink);
        writer.Write(columns.Length);
        foreach (var column in columns)
        {
            writer.Write(column.Length);
            foreach (var (item, weight) in column)
            {
                writer.Write(item);
                writer.Write(weight);
            }
        }
    }

    public static ItemKnnModel Load(BinaryReader reader)
    {
        var model = new ItemKnnModel(reader.ReadInt32(), reader.ReadDouble());
        var n = reader.ReadInt32();
        var kept = new (int Item, float Weight)[n][];
        for (var j = 0; j < n; j++)
        {
            kept[j] = new (int, float)[reader.ReadInt32()];
            for (var e = 0; e < kept[j].Length; e++)
                kept[j][e] = (reader.ReadInt32(), reader.ReadSingle());
        }
        model.UseColumns(kept, n);
        model.itemCount = n;
        return model;
    }

    /// <summary>Keeps the columns and transposes them into rows, so scoring walks only the user's items.</summary>
    private void UseColumns((int Item, float Weight)[][] kept, int n)
    {
        columns = kept;
        var rowLists = new List<(int Target, float Weight)>[n];
        for (var i = 0; i < n; i++)
            rowLists[i] = [];
        for (var j = 0; j < n; j++)
        {
            foreach (var (i, w) in kept[j])
                rowLists[i].Add((j, w));
        }
        targets = new int[n][];
        weights = new float[n][];
        for (var i = 0; i < n; i++)
        {
            targets[i] = rowLists[i].Select(entry => entry.Target).ToArray();
            weights[i] = rowLists[i].Select(entry => entry.Weight).ToArray();
        }
    }

    /// <summary>W_ij: the similarity of item i to item j when i is among j's kept neighbours, else 0.</summary>
    public float Weight(int from, int to)
    {
        if (itemCount == 0)
            throw new InvalidOperationException("Fit the model before reading weights.");
        var at = Array.BinarySearch(targets[from], to);
        return at >= 0 ? weights[from][at] : 0f;
    }

    private int itemCount;

    public int ItemCount => itemCount;

    public void Score(int user, Span<float> scores)
    {
        var history = train ?? throw new InvalidOperationException("Fit the model before scoring.");
        ScoreHistory(history.ItemsOf(user), scores);
    }

    public void ScoreHistory(ReadOnlySpan<int> history, Span<float> scores)
    {
        if (itemCount == 0 && train is null)
            throw new InvalidOperationException("Fit the model before scoring.");
        scores[..itemCount].Clear();
        foreach (var i in history)
        {
            var row = targets[i];
            var w = weights[i];
            for (var e = 0; e < row.Length; e++)
                scores[row[e]] += w[e];
        }
    }

    private static (int Item, float Weight)[] Column(
        int j, InteractionSet train, int[][] usersByItem, float[] norms, int k, float shrink, float[] dots, List<int> touched)
    {
        touched.Clear();
        foreach (var user in usersByItem[j])
        {
            foreach (var i in train.ItemsOf(user))
            {
                if (dots[i] == 0f)
                    touched.Add(i);
                dots[i] += 1f;
            }
        }

        var candidates = new List<(int Item, float Weight)>(touched.Count);
        foreach (var i in touched)
        {
            var dot = dots[i];
            dots[i] = 0f;
            if (i == j)
                continue; // RecBole zeroes the diagonal
            var denominator = norms[j] * norms[i] + shrink + 1e-6f;
            var weight = dot * (1f / denominator);
            if (weight != 0f)
                candidates.Add((i, weight));
        }

        candidates.Sort(static (a, b) => a.Weight != b.Weight ? b.Weight.CompareTo(a.Weight) : a.Item.CompareTo(b.Item));
        if (candidates.Count > k)
            candidates.RemoveRange(k, candidates.Count - k);
        return candidates.ToArray();
    }

    private static int[][] UsersByItem(InteractionSet train)
    {
        var counts = train.ItemCounts();
        var result = new int[train.ItemCount][];
        for (var i = 0; i < result.Length; i++)
            result[i] = new int[counts[i]];
        var filled = new int[train.ItemCount];
        for (var user = 0; user < train.UserCount; user++)
        {
            foreach (var item in train.ItemsOf(user))
                result[item][filled[item]++] = user;
        }
        return result;
    }
}
