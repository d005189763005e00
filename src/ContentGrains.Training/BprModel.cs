using System.Numerics.Tensors;
using ContentGrains.Core.Data;
using ContentGrains.Core.Models;

namespace ContentGrains.Training;

/// <summary>
/// Matrix factorisation trained with Bayesian Personalised Ranking (Rendle et al. 2009), as RecBole's BPR: a user's
/// score for an item is the dot product of their factor vectors, learned so that each user's items score above
/// items drawn uniformly from those they have not interacted with. Trained with TorchSharp on the CPU
/// (<see cref="BprTrainer"/>); scoring is plain arithmetic on the learned factors. The item factors are item
/// embeddings: items with close factors are liked by the same users.
/// </summary>
/// <remarks>
/// <see cref="Score"/> uses the learned user factors (offline evaluation). <see cref="ScoreHistory"/>, which the live
/// feed uses, has only the user's items: it folds the user in against the fixed item factors Q by the implicit-ALS
/// weighted least squares of a preference of 1 on the history and 0 elsewhere,
/// (QᵀQ + α Σ_{i∈H} q_i q_iᵀ + λI) u = (1 + α) Σ_{i∈H} q_i, with QᵀQ computed once per fit or load, so one call is a
/// k × k Cholesky solve plus one dot product per item. Unlike most history scorers, it does not give a training user
/// exactly <see cref="Score"/>'s scores. α and λ (<see cref="BprOptions.FoldInAlpha"/>) were chosen on the validation
/// NDCG@10 of RecBole's ml-100k split with every user scored from their training items; see the README for the figures.
/// </remarks>
public sealed class BprModel : IRecommenderModel, IPersistentModel
{
    public const string KindName = "bpr";

    private const uint FileMagic = 0x52504247; // "GBPR" read as little-endian bytes
    private const int FileVersion = 2; // 2 added the fold-in α and λ after the header

    private readonly BprOptions options;
    private readonly InteractionSet? validation;
    private readonly int seed;
    private float[] userFactors = [];
    private float[] itemFactors = [];
    private double[] itemFactorsWide = []; // itemFactors in double, for the fold-in systems
    private double[] itemGram = [];        // QᵀQ, k × k
    private double meanGramEigenvalue;     // trace(QᵀQ) / k: the fold-in's λ is a multiple of it

    /// <param name="validation">Held-out interactions for early stopping (never fitted on); null trains <see cref="BprOptions.MaxEpochs"/> epochs.</param>
    /// <param name="seed">Fixes the initial factors and the order and negatives of every batch.</param>
    public BprModel(BprOptions? options = null, InteractionSet? validation = null, int seed = 2020)
    {
        this.options = options ?? new BprOptions();
        this.options.Validate();
        this.validation = validation;
        this.seed = seed;
        Dimension = this.options.Dimension;
    }

    /// <summary>A model for <paramref name="context"/>: stops early on its validation set, seeded with its seed.</summary>
    public static BprModel For(ModelContext context, BprOptions? options = null) => new(options, context.Validation, context.Seed);

    public BprOptions Options => options;

    public string Kind => KindName;

    /// <summary>Length of each factor vector.</summary>
    public int Dimension { get; private set; }

    public int UserCount => userFactors.Length / Dimension;

    public int ItemCount => itemFactors.Length / Dimension;

    /// <summary>Item factors, row-major: item i's embedding is [i·Dimension, (i+1)·Dimension).</summary>
    public ReadOnlySpan<float> ItemFactors => itemFactors;

    /// <summary>User factors, row-major like <see cref="ItemFactors"/>.</summary>
    public ReadOnlySpan<float> UserFactors => userFactors;

    /// <summary>What the last <see cref="Fit"/> did; null before fitting and on a loaded model.</summary>
    public BprFitReport? LastFit { get; private set; }

    public ReadOnlySpan<float> ItemFactorsOf(int item) => itemFactors.AsSpan(item * Dimension, Dimension);

    public ReadOnlySpan<float> UserFactorsOf(int user) => userFactors.AsSpan(user * Dimension, Dimension);

    public void Fit(InteractionSet train)
    {
        var result = BprTrainer.Train(train, validation, options, seed);
        userFactors = result.UserFactors;
        itemFactors = result.ItemFactors;
        LastFit = result.Report;
        PrepareFoldIn();
    }

    public void Score(int user, Span<float> scores)
    {
        if (itemFactors.Length == 0)
            throw new InvalidOperationException("Fit or load the model before scoring.");
        BprTrainer.Scores(userFactors, itemFactors, Dimension, user, scores);
    }

    /// <summary>Scores from a user vector folded in from <paramref name="history"/> (see the remarks); repeats and order do not matter.</summary>
    public void ScoreHistory(ReadOnlySpan<int> history, Span<float> scores) =>
        ScoreHistory(history, scores, options.FoldInAlpha, options.FoldInRegularization);

    /// <summary><see cref="ScoreHistory(ReadOnlySpan{int}, Span{float})"/> with another α and λ, for tuning them.</summary>
    internal void ScoreHistory(ReadOnlySpan<int> history, Span<float> scores, double alpha, double regularization)
    {
        var k = Dimension;
        Span<double> wide = stackalloc double[k];
        FoldIn(history, wide, alpha, regularization);
        Span<float> user = stackalloc float[k];
        for (var f = 0; f < k; f++)
            user[f] = (float)wide[f];
        for (var item = 0; item < ItemCount; item++)
            scores[item] = TensorPrimitives.Dot(user, itemFactors.AsSpan(item * k, k));
    }

    /// <summary>
    /// Solves (QᵀQ + α Σ_{i∈H} q_i q_iᵀ + λI) u = (1 + α) Σ_{i∈H} q_i over the distinct items of the history, with
    /// λ = <paramref name="regularization"/> · trace(QᵀQ)/k so that the same setting suits factors of any scale.
    /// </summary>
    internal void FoldIn(ReadOnlySpan<int> history, Span<double> user, double alpha, double regularization)
    {
        if (itemFactors.Length == 0)
            throw new InvalidOperationException("Fit or load the model before scoring.");
        var k = Dimension;
        var items = history.ToArray();
        Array.Sort(items); // a fixed summation order: the same history gives bit-identical scores
        var system = new double[k * k];
        itemGram.CopyTo(system, 0);
        user.Clear();
        var previous = -1;
        foreach (var item in items)
        {
            if (item == previous)
                continue; // preferences are binary: a repeated item counts once
            previous = item;
            var q = itemFactorsWide.AsSpan(item * k, k);
            // Only the lower triangle and the diagonal: all that the Cholesky factorisation reads.
            for (var f = 0; f < k; f++)
            {
                var row = system.AsSpan(f * k, f + 1);
                TensorPrimitives.MultiplyAdd(q[..(f + 1)], alpha * q[f], row, row);
            }
            TensorPrimitives.MultiplyAdd(q, 1 + alpha, user, user);
        }
        for (var f = 0; f < k; f++)
            system[f * k + f] += regularization * meanGramEigenvalue;
        CholeskySolver.Solve(system, user, k);
    }

    /// <summary>The double copy of the item factors and their Gram matrix QᵀQ, summed item by item in a fixed order.</summary>
    private void PrepareFoldIn()
    {
        var k = Dimension;
        itemFactorsWide = Array.ConvertAll(itemFactors, value => (double)value);
        itemGram = new double[k * k];
        for (var item = 0; item < ItemCount; item++)
        {
            var q = itemFactorsWide.AsSpan(item * k, k);
            for (var f = 0; f < k; f++)
            {
                var row = itemGram.AsSpan(f * k, k);
                TensorPrimitives.MultiplyAdd(q, q[f], row, row);
            }
        }
        var trace = 0.0;
        for (var f = 0; f < k; f++)
            trace += itemGram[f * k + f];
        meanGramEigenvalue = trace / k;
    }

    /// <summary>The model inside a published artifact: the same bytes as <see cref="Save(Stream)"/>.</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Flush();
        Save(writer.BaseStream);
    }

    public static BprModel Load(BinaryReader reader) => Load(reader.BaseStream);

    /// <summary>
    /// Writes the factors as plain little-endian binary: magic, version, user count, item count, dimension (int32 each),
    /// the fold-in α and λ (float64), then the user factors and the item factors (float32, row-major).
    /// </summary>
    public void Save(Stream stream)
    {
        if (itemFactors.Length == 0)
            throw new InvalidOperationException("Fit the model before saving it.");
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(FileMagic);
        writer.Write(FileVersion);
        writer.Write(UserCount);
        writer.Write(ItemCount);
        writer.Write(Dimension);
        writer.Write(options.FoldInAlpha);
        writer.Write(options.FoldInRegularization);
        ModelBinary.WriteFloats(writer, userFactors);
        ModelBinary.WriteFloats(writer, itemFactors);
    }

    /// <summary>A fitted model read from what <see cref="Save(Stream)"/> wrote; it scores like the saved one but cannot be refitted differently.</summary>
    public static BprModel Load(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (reader.ReadUInt32() != FileMagic)
            throw new InvalidDataException("Not a BPR factor file.");
        var version = reader.ReadInt32();
        if (version is not (1 or FileVersion))
            throw new InvalidDataException($"BPR factor file version {version} is not supported (expected {FileVersion}).");
        var userCount = reader.ReadInt32();
        var itemCount = reader.ReadInt32();
        var dimension = reader.ReadInt32();
        if (userCount < 0 || itemCount <= 0 || dimension <= 0)
            throw new InvalidDataException($"Invalid BPR factor file header ({userCount} users, {itemCount} items, dimension {dimension}).");

        var options = new BprOptions { Dimension = dimension };
        if (version >= 2) // version 1 files predate the fold-in: they get the default α and λ
            options = options with { FoldInAlpha = reader.ReadDouble(), FoldInRegularization = reader.ReadDouble() };

        var model = new BprModel(options);
        model.userFactors = ModelBinary.ReadFloats(reader, checked(userCount * dimension));
        model.itemFactors = ModelBinary.ReadFloats(reader, checked(itemCount * dimension));
        model.PrepareFoldIn();
        return model;
    }
}
