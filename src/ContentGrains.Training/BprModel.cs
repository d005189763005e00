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
public sealed class BprModel : IRecommenderModel
{
    private const uint FileMagic = 0x52504247; // "GBPR" read as little-endian bytes
    private const int FileVersion = 1;

    private readonly BprOptions options;
    private readonly InteractionSet? validation;
    private readonly int seed;
    private float[] userFactors = [];
    private float[] itemFactors = [];

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
    }

    public void Score(int user, Span<float> scores)
    {
        if (itemFactors.Length == 0)
            throw new InvalidOperationException("Fit or load the model before scoring.");
        BprTrainer.Scores(userFactors, itemFactors, Dimension, user, scores);
    }

    /// <summary>
    /// Writes the factors as plain little-endian binary: magic, version, user count, item count, dimension (int32 each),
    /// then the user factors and the item factors (float32, row-major).
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
        foreach (var value in userFactors)
            writer.Write(value);
        foreach (var value in itemFactors)
            writer.Write(value);
    }

    /// <summary>A fitted model read from what <see cref="Save"/> wrote; it scores like the saved one but cannot be refitted differently.</summary>
    public static BprModel Load(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (reader.ReadUInt32() != FileMagic)
            throw new InvalidDataException("Not a BPR factor file.");
        var version = reader.ReadInt32();
        if (version != FileVersion)
            throw new InvalidDataException($"BPR factor file version {version} is not supported (expected {FileVersion}).");
        var userCount = reader.ReadInt32();
        var itemCount = reader.ReadInt32();
        var dimension = reader.ReadInt32();
        if (userCount < 0 || itemCount <= 0 || dimension <= 0)
            throw new InvalidDataException($"Invalid BPR factor file header ({userCount} users, {itemCount} items, dimension {dimension}).");

        var model = new BprModel(new BprOptions { Dimension = dimension });
        model.userFactors = ReadFloats(reader, (long)userCount * dimension);
        model.itemFactors = ReadFloats(reader, (long)itemCount * dimension);
        return model;
    }

    private static float[] ReadFloats(BinaryReader reader, long count)
    {
        var values = new float[count];
        for (long i = 0; i < count; i++)
            values[i] = reader.ReadSingle();
        return values;
    }
}
