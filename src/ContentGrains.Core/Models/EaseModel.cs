using ContentGrains.Core.Data;

namespace ContentGrains.Core.Models;

/// <summary>
/// EASE (Steck 2019, "Embarrassingly Shallow Autoencoders"): with binary X (users × items),
/// G = XᵀX + λI, P = G⁻¹, B_ij = −P_ij / P_jj and B_jj = 0; a user's scores are x_u·B.
/// λ defaults to 250, RecBole's default <c>reg_weight</c>.
/// With <paramref name="popularityRegularization"/> α &gt; 0 item i's diagonal gets λ + α·(XᵀX)_ii instead of λ, the
/// popularity-scaled penalty that dropout implies (Steck 2020, "Autoencoders that don't overfit towards the identity").
/// </summary>
public sealed class EaseModel(double regularization = 250.0, double popularityRegularization = 0.0) : IRecommenderModel, IPersistentModel
{
    public const string KindName = "ease";

    private InteractionSet? train;
    private float[] weights = []; // B, row-major: weights[i * itemCount + j] = B_ij
    private int itemCount;

    public double Regularization { get; } = regularization;

    public double PopularityRegularization { get; } = popularityRegularization;

    public void Fit(InteractionSet train)
    {
        itemCount = train.ItemCount;
        var n = itemCount;
        var inverse = Gram(train); // G = XᵀX, row-major
        for (var i = 0; i < n; i++)
            inverse[i * n + i] += Regularization + PopularityRegularization * inverse[i * n + i];
        SymmetricInverse.Invert(inverse, n); // P = G⁻¹

        weights = new float[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
                weights[i * n + j] = i == j ? 0f : (float)(-inverse[i * n + j] / inverse[j * n + j]);
        }
        this.train = train;
    }

    /// <summary>B_ij, the learned weight from item i to item j.</summary>
    public double Weight(int from, int to) => weights[from * itemCount + to];

    public int ItemCount => itemCount;

    public void Score(int user, Span<float> scores)
    {
        var history = train ?? throw new InvalidOperationException("Fit the model before scoring.");
        ScoreHistory(history.ItemsOf(user), scores);
    }

    public void ScoreHistory(ReadOnlySpan<int> history, Span<float> scores)
    {
        if (weights.Length == 0 && train is null) // neither fitted nor loaded
            throw new InvalidOperationException("Fit the model before scoring.");
        scores[..itemCount].Clear();
        foreach (var item in history)
        {
            var row = weights.AsSpan(item * itemCount, itemCount);
            System.Numerics.Tensors.TensorPrimitives.Add(scores[..itemCount], row, scores[..itemCount]);
        }
    }

    public string Kind => KindName;

    public void Save(BinaryWriter writer)
    {
        writer.Write(Regularization);
        writer.Write(PopularityRegularization);
        writer.Write(itemCount);
        ModelBinary.WriteFloats(writer, weights);
    }

    public static EaseModel Load(BinaryReader reader)
    {
        var model = new EaseModel(reader.ReadDouble(), reader.ReadDouble());
        model.itemCount = reader.ReadInt32();
        model.weights = ModelBinary.ReadFloats(reader, model.itemCount * model.itemCount);
        return model;
    }

    /// <summary>XᵀX for binary X: entry (i, j) counts the users who have both i and j.</summary>
    private static double[] Gram(InteractionSet train)
    {
        var n = train.ItemCount;
        var counts = new double[n * n];
        for (var user = 0; user < train.UserCount; user++)
        {
            var items = train.ItemsOf(user);
            foreach (var i in items)
            {
                var column = i * n;
                foreach (var j in items)
                    counts[column + j] += 1;
            }
        }
        return counts;
    }
}
