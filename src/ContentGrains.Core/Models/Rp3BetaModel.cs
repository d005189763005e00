using ContentGrains.Core.Data;

namespace ContentGrains.Core.Models;

/// <summary>
/// RP3beta (Paudel et al. 2017, "Updatable, accurate, diverse, and scalable recommendations for interactive
/// applications"): a three-step random walk item → user → item on the binary train graph, with each step's
/// transition probability raised to α, and the arrival item's weight divided by its popularity to the power β:
/// <c>W_ij = Σ_u (1/deg_i · 1/deg_u)^α / deg_j^β</c> over the users u who have both i and j, diagonal 0, keeping
/// the <see cref="Neighbours"/> largest weights of each row. A user's scores are x_u·W.
/// </summary>
/// <remarks>
/// β &gt; 0 lifts less popular items, which EASE and ItemKNN rank too low; that difference is why RP3beta is a
/// useful second opinion for <see cref="HybridModel"/>. W is dense (n² floats), fine for catalogues of a few
/// thousand items.
/// </remarks>
public sealed class Rp3BetaModel : IRecommenderModel, IHistoryScorer
{
    private InteractionSet? train;
    private float[] weights = []; // row-major: weights[i * itemCount + j] = W_ij
    private int itemCount;

    public Rp3BetaModel(double alpha = 1.0, double beta = 0.5, int neighbours = 200)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(alpha);
        ArgumentOutOfRangeException.ThrowIfNegative(beta);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(neighbours);
        Alpha = alpha;
        Beta = beta;
        Neighbours = neighbours;
    }

    public double Alpha { get; }

    public double Beta { get; }

    public int Neighbours { get; }

    public int ItemCount => itemCount;

    public void Fit(InteractionSet train)
    {
        var n = itemCount = train.ItemCount;
        var w = new float[n * n];
        for (var user = 0; user < train.UserCount; user++)
        {
            var items = train.ItemsOf(user);
            if (items.Length == 0)
                continue;
            var step = (float)Math.Pow(items.Length, -Alpha); // (1/deg_u)^α
            foreach (var i in items)
            {
                var row = w.AsSpan(i * n, n);
                foreach (var j in items)
                    row[j] += step;
            }
        }

        var degrees = train.ItemCounts();
        var columnScale = new float[n];
        for (var j = 0; j < n; j++)
            columnScale[j] = degrees[j] == 0 ? 0f : (float)Math.Pow(degrees[j], -Beta);
        Parallel.For(0, n, i =>
        {
            var row = w.AsSpan(i * n, n);
            var rowScale = degrees[i] == 0 ? 0f : (float)Math.Pow(degrees[i], -Alpha); // (1/deg_i)^α
            for (var j = 0; j < n; j++)
                row[j] *= rowScale * columnScale[j];
            row[i] = 0f;
            KeepLargest(row, Neighbours);
        });
        weights = w;
        this.train = train;
    }

    /// <summary>W_ij, the weight from item i to item j.</summary>
    public float Weight(int from, int to) => weights[from * itemCount + to];

    public void Score(int user, Span<float> scores)
    {
        var history = train ?? throw new InvalidOperationException("Fit the model before scoring.");
        ScoreHistory(history.ItemsOf(user), scores);
    }

    public void ScoreHistory(ReadOnlySpan<int> history, Span<float> scores)
    {
        if (train is null)
            throw new InvalidOperationException("Fit the model before scoring.");
        var target = scores[..itemCount];
        target.Clear();
        foreach (var item in history)
            System.Numerics.Tensors.TensorPrimitives.Add(target, weights.AsSpan(item * itemCount, itemCount), target);
    }

    /// <summary>Zeroes every entry of <paramref name="row"/> below its k-th largest (ties at the k-th all stay).</summary>
    private static void KeepLargest(Span<float> row, int k)
    {
        if (k >= row.Length)
            return;
        var sorted = row.ToArray();
        Array.Sort(sorted);
        var threshold = sorted[^k];
        for (var j = 0; j < row.Length; j++)
        {
            if (row[j] < threshold)
                row[j] = 0f;
        }
    }
}
