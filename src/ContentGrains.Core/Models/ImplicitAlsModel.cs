using System.Numerics.Tensors;
using ContentGrains.Core.Data;

namespace ContentGrains.Core.Models;

/// <summary>
/// Implicit-feedback matrix factorisation by alternating least squares (Hu, Koren &amp; Volinsky 2008, "Collaborative
/// Filtering for Implicit Feedback Datasets"). It minimises
/// Σ_u Σ_i c_ui (p_ui − x_u·y_i)² + λ (Σ_u |x_u|² + Σ_i |y_i|²) with p_ui = 1 for an observed pair and 0 otherwise,
/// and confidence c_ui = 1 + α when observed, 1 otherwise. Each step solves every user (item) exactly:
/// (YᵀY + Σ_{i∈u} α y_i y_iᵀ + λI) x_u = (1 + α) Σ_{i∈u} y_i, where YᵀY is computed once per step, so a step
/// costs O(nnz·k² + n·k³) instead of touching every pair.
/// </summary>
/// <remarks>
/// A sweep is an item step then a user step, so Fit ends with a user step against the final item factors and
/// <see cref="ScoreHistory"/>, which solves the same user system for any history, gives a training user exactly
/// their trained factors. Users (items) are solved in parallel, each independently of the others, so the result
/// depends only on the seed. The factors are kept in double precision.
/// </remarks>
public sealed class ImplicitAlsModel : IRecommenderModel, IHistoryScorer
{
    private static readonly byte[] FileMagic = "CGIALS01"u8.ToArray();

    private double[] userFactors = []; // row-major: userFactors[u * k + f]
    private double[] itemFactors = [];
    private double[] itemGram = [];    // YᵀY of the final item factors, for folding users in
    private int userCount;
    private int itemCount;

    public ImplicitAlsModel(ImplicitAlsOptions? options = null)
    {
        Options = options ?? new ImplicitAlsOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.Factors, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(Options.Iterations);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.Regularization);
        ArgumentOutOfRangeException.ThrowIfNegative(Options.Alpha);
    }

    public ImplicitAlsOptions Options { get; }

    /// <summary>The factor dimension k.</summary>
    public int Dimension => Options.Factors;

    public int ItemCount => itemCount;

    public int UserCount => userCount;

    /// <summary>All item factors, row-major (item i is <c>[i * Dimension, (i + 1) * Dimension)</c>), for nearest-item search.</summary>
    public ReadOnlySpan<double> ItemFactors => itemFactors;

    public ReadOnlySpan<double> ItemVector(int item) => itemFactors.AsSpan(item * Dimension, Dimension);

    public ReadOnlySpan<double> UserVector(int user) => userFactors.AsSpan(user * Dimension, Dimension);

    public void Fit(InteractionSet train)
    {
        var k = Dimension;
        userCount = train.UserCount;
        itemCount = train.ItemCount;
        var random = new Random(Options.Seed);
        userFactors = Gaussian(random, userCount * k, Options.InitialScale);
        itemFactors = Gaussian(random, itemCount * k, Options.InitialScale);

        var itemsByUser = new int[userCount][];
        for (var user = 0; user < userCount; user++)
            itemsByUser[user] = train.ItemsOf(user).ToArray();
        var usersByItem = Transpose(itemsByUser, itemCount);

        itemGram = Gram(itemFactors, itemCount, k);
        for (var sweep = 0; sweep < Options.Iterations; sweep++)
        {
            SolveAll(itemFactors, usersByItem, userFactors, Gram(userFactors, userCount, k));
            itemGram = Gram(itemFactors, itemCount, k);
            SolveAll(userFactors, itemsByUser, itemFactors, itemGram);
        }
    }

    public void Score(int user, Span<float> scores)
    {
        RequireFitted();
        ScoreFactors(UserVector(user), scores);
    }

    public void ScoreHistory(ReadOnlySpan<int> history, Span<float> scores)
    {
        RequireFitted();
        var factors = new double[Dimension];
        FoldIn(history, factors);
        ScoreFactors(factors, scores);
    }

    /// <summary>
    /// The factors a user with these items gets against the fitted item factors: the solution of the user step.
    /// Repeated items count once (preferences are binary), so the order and repeats of the history do not matter.
    /// </summary>
    public void FoldIn(ReadOnlySpan<int> history, Span<double> factors)
    {
        RequireFitted();
        var items = history.ToArray();
        Array.Sort(items);
        var distinct = items.Distinct().ToArray();
        var k = Dimension;
        Solve(distinct, itemFactors, itemGram, new double[k * k], factors);
    }

    /// <summary>The objective the model minimises, on <paramref name="train"/> with the current factors.</summary>
    public double Loss(InteractionSet train)
    {
        RequireFitted();
        var k = Dimension;
        // Σ over every pair of 1·(0 − s)² is Σ_u x_uᵀ(YᵀY)x_u; observed pairs then swap that term for c(1 − s)².
        var loss = 0.0;
        var gramTimesX = new double[k];
        for (var user = 0; user < userCount; user++)
        {
            var x = UserVector(user);
            for (var f = 0; f < k; f++)
                gramTimesX[f] = TensorPrimitives.Dot(itemGram.AsSpan(f * k, k), x);
            loss += TensorPrimitives.Dot(x, gramTimesX);
            foreach (var item in train.ItemsOf(user))
            {
                var s = TensorPrimitives.Dot(x, ItemVector(item));
                loss += (1 + Options.Alpha) * (1 - s) * (1 - s) - s * s;
            }
        }
        var squaredNorms = TensorPrimitives.SumOfSquares<double>(userFactors) + TensorPrimitives.SumOfSquares<double>(itemFactors);
        return loss + Options.Regularization * squaredNorms;
    }

    /// <summary>Writes the fitted factors (plain binary: a magic string, sizes, λ, α, then the factors) to <paramref name="stream"/>.</summary>
    public void Save(Stream stream)
    {
        RequireFitted();
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(FileMagic);
        writer.Write(userCount);
        writer.Write(itemCount);
        writer.Write(Dimension);
        writer.Write(Options.Regularization);
        writer.Write(Options.Alpha);
        foreach (var value in userFactors)
            writer.Write(value);
        foreach (var value in itemFactors)
            writer.Write(value);
    }

    /// <summary>A fitted model read back from what <see cref="Save"/> wrote; it scores and folds in exactly as the saved one.</summary>
    public static ImplicitAlsModel Load(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (!reader.ReadBytes(FileMagic.Length).AsSpan().SequenceEqual(FileMagic))
            throw new FormatException("The stream does not hold implicit ALS factors.");
        var users = reader.ReadInt32();
        var items = reader.ReadInt32();
        var k = reader.ReadInt32();
        var regularization = reader.ReadDouble();
        var alpha = reader.ReadDouble();
        var model = new ImplicitAlsModel(new ImplicitAlsOptions(k, regularization, alpha))
        {
            userCount = users,
            itemCount = items,
            userFactors = ReadDoubles(reader, users * k),
            itemFactors = ReadDoubles(reader, items * k),
        };
        model.itemGram = Gram(model.itemFactors, items, k);
        return model;
    }

    private void ScoreFactors(ReadOnlySpan<double> factors, Span<float> scores)
    {
        var k = Dimension;
        for (var item = 0; item < itemCount; item++)
            scores[item] = (float)TensorPrimitives.Dot(factors, itemFactors.AsSpan(item * k, k));
    }

    /// <summary>One half-step: every row of <paramref name="target"/> solved against the fixed <paramref name="other"/> factors.</summary>
    private void SolveAll(double[] target, int[][] neighbours, double[] other, double[] otherGram)
    {
        var k = Dimension;
        Parallel.For(0, neighbours.Length,
            () => new double[k * k],
            (row, _, system) =>
            {
                Solve(neighbours[row], other, otherGram, system, target.AsSpan(row * k, k));
                return system;
            },
            _ => { });
    }

    /// <summary>(G + Σ_j α y_j y_jᵀ + λI) x = (1 + α) Σ_j y_j over the rows j of <paramref name="other"/> in <paramref name="observed"/>.</summary>
    private void Solve(ReadOnlySpan<int> observed, double[] other, double[] otherGram, double[] system, Span<double> result)
    {
        var k = Dimension;
        var alpha = Options.Alpha;
        otherGram.CopyTo(system, 0);
        for (var f = 0; f < k; f++)
            system[f * k + f] += Options.Regularization;
        result.Clear();
        foreach (var j in observed)
        {
            var y = other.AsSpan(j * k, k);
            for (var f = 0; f < k; f++)
            {
                var row = system.AsSpan(f * k, k);
                TensorPrimitives.MultiplyAdd(y, alpha * y[f], row, row);
            }
            TensorPrimitives.MultiplyAdd(y, 1 + alpha, result, result);
        }
        CholeskySolver.Solve(system, result, k);
    }

    /// <summary>FᵀF for row-major factors F (rows × k), summed row by row in a fixed order.</summary>
    private static double[] Gram(double[] factors, int rows, int k)
    {
        var gram = new double[k * k];
        for (var r = 0; r < rows; r++)
        {
            var y = factors.AsSpan(r * k, k);
            for (var f = 0; f < k; f++)
            {
                var row = gram.AsSpan(f * k, k);
                TensorPrimitives.MultiplyAdd(y, y[f], row, row);
            }
        }
        return gram;
    }

    private static int[][] Transpose(int[][] itemsByUser, int itemCount)
    {
        var lists = Enumerable.Range(0, itemCount).Select(_ => new List<int>()).ToArray();
        for (var user = 0; user < itemsByUser.Length; user++)
        {
            foreach (var item in itemsByUser[user])
                lists[item].Add(user);
        }
        return lists.Select(list => list.ToArray()).ToArray();
    }

    private static double[] Gaussian(Random random, int count, double scale)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            // Box-Muller: System.Random has no Gaussian of its own.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            values[i] = scale * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
        return values;
    }

    private static double[] ReadDoubles(BinaryReader reader, int count)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
            values[i] = reader.ReadDouble();
        return values;
    }

    private void RequireFitted()
    {
        if (itemFactors.Length == 0)
            throw new InvalidOperationException("Fit the model before scoring.");
    }
}
