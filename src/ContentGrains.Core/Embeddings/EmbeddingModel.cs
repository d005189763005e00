using System.Buffers;
using System.Numerics.Tensors;
using ContentGrains.Core.Data;
using ContentGrains.Core.Live;
using ContentGrains.Core.Models;
using ContentGrains.Core.Vectors;

namespace ContentGrains.Core.Embeddings;

/// <summary>
/// Two-tower retrieval model on plain arrays, so every silo can score it without TorchSharp. Each item has an input
/// vector (what it says about a person who interacted with it) and an output vector (what retrieval ranks by inner
/// product); both come from a tower over the item's id, tags and text (<see cref="EmbeddingTower"/>). A user has no
/// learned row: their vector is the mean of their history's input vectors, so the next event changes the next feed
/// without retraining, and an item never seen in training still gets both vectors from its metadata.
/// </summary>
/// <remarks>
/// The artifact holds the composed item vectors (items × d, twice, in f16: 256 bytes per item at 64 dimensions) and the
/// towers' tag vectors and text projections (f32, for <see cref="EmbedItem"/>), so it is O(items × dimensions). The
/// composed vectors are rounded to f16 when the model is made, so the trainer evaluates exactly what silos serve. <see cref="Fit"/> needs an
/// <see cref="IEmbeddingTrainer"/>; a loaded model scores and embeds but cannot be refitted.
/// </remarks>
public sealed class EmbeddingModel : IRecommenderModel, IPersistentModel, ITrainedOnDevice
{
    public const string KindName = "embedding";

    private const uint FileMagic = 0x424D4547; // "GEMB" read as little-endian bytes
    private const int FileVersion = 2; // 2: item vectors in f16 (1: f32, still read)

    private readonly IEmbeddingTrainer? trainer;
    private readonly ItemMetadata? metadata;
    private readonly InteractionSet? validation;
    private InteractionSet? train;
    private float[] itemVectors = [];
    private float[] inputVectors = [];
    private EmbeddingTowers? towers;
    private Dictionary<string, int> tagByName = new(StringComparer.Ordinal);

    /// <param name="trainer">Learns the towers in <see cref="Fit"/>.</param>
    /// <param name="metadata">The tags and text vectors of the items the model will be fitted on.</param>
    /// <param name="validation">Held-out interactions the trainer stops early on (never fitted on); null trains a fixed number of epochs.</param>
    public EmbeddingModel(IEmbeddingTrainer trainer, ItemMetadata metadata, InteractionSet? validation = null)
    {
        this.trainer = trainer;
        this.metadata = metadata;
        this.validation = validation;
    }

    private EmbeddingModel() { }

    public string Kind => KindName;

    public int Dimensions => towers?.Dimensions ?? 0;

    public int ItemCount => Dimensions == 0 ? 0 : itemVectors.Length / Dimensions;

    /// <summary>Output vectors, items × <see cref="Dimensions"/> row-major: an item's score is its inner product with a user vector.</summary>
    public ReadOnlySpan<float> ItemVectors => itemVectors;

    /// <summary>Input vectors, laid out like <see cref="ItemVectors"/>: a user vector is the mean of their history's rows.</summary>
    public ReadOnlySpan<float> InputVectors => inputVectors;

    /// <summary>The tags the towers know (<see cref="EmbedItem"/> ignores any other), ascending.</summary>
    public IReadOnlyList<string> TagNames { get; private set; } = [];

    /// <summary>Length of the text vectors the towers read; 0 when trained without text.</summary>
    public int TextDimensions => towers?.Output.TextDimensions ?? 0;

    /// <summary>What the last <see cref="Fit"/> did; null before fitting and on a loaded model.</summary>
    public EmbeddingFitReport? LastFit { get; private set; }

    /// <summary>
    /// Where the last <see cref="Fit"/> trained ("cuda" or "cpu", as its trainer recorded it); "cpu" before fitting and
    /// on a loaded model. The live trainer reads it into the version the registry keeps.
    /// </summary>
    public string Device => LastFit?.Device ?? "cpu";

    public ReadOnlySpan<float> ItemVectorOf(int item) => itemVectors.AsSpan(item * Dimensions, Dimensions);

    /// <summary>A model from towers trained elsewhere (the trainer's validation checks score through this).</summary>
    public static EmbeddingModel FromTowers(EmbeddingTowers towers, ItemMetadata metadata)
    {
        var model = new EmbeddingModel();
        model.Use(towers, metadata.TagNames, ComposeAll(towers.Output, metadata), ComposeAll(towers.Input, metadata));
        return model;
    }

    public void Fit(InteractionSet train)
    {
        if (trainer is null || metadata is null)
            throw new InvalidOperationException("A loaded embedding model cannot be refitted; create one with a trainer.");
        if (train.ItemCount != metadata.ItemCount)
            throw new ArgumentException($"The interactions have {train.ItemCount} items, the item metadata {metadata.ItemCount}.", nameof(train));
        var (fitted, report) = trainer.Train(train, metadata, validation);
        Use(fitted, metadata.TagNames, ComposeAll(fitted.Output, metadata), ComposeAll(fitted.Input, metadata));
        LastFit = report;
        this.train = train;
    }

    /// <summary>Scores from the user's training items (offline evaluation): the same as <see cref="ScoreHistory"/> on them.</summary>
    public void Score(int user, Span<float> scores)
    {
        var history = train ?? throw new InvalidOperationException("Fit the model before scoring training users.");
        ScoreHistory(history.ItemsOf(user), scores);
    }

    /// <summary>scores[i] = <see cref="UserVector"/>(history) · item i's vector; an empty history scores every item 0.</summary>
    public void ScoreHistory(ReadOnlySpan<int> history, Span<float> scores)
    {
        Span<float> user = Dimensions <= 256 ? stackalloc float[Dimensions] : new float[Dimensions];
        UserVector(history, user);
        for (var item = 0; item < ItemCount; item++)
            scores[item] = TensorPrimitives.Dot(user, ItemVectorOf(item));
    }

    /// <summary>
    /// The mean of the input vectors of the distinct items of <paramref name="history"/>, summed in ascending item order
    /// so one history always gives the same bits. Repeats and order do not matter; an empty history gives zeros.
    /// </summary>
    public void UserVector(ReadOnlySpan<int> history, Span<float> into)
    {
        EnsureFitted();
        if (into.Length != Dimensions)
            throw new ArgumentException($"the user vector needs {Dimensions} slots, got {into.Length}", nameof(into));
        into.Clear();
        // Sorted in a pooled copy: a feed computes this once, and a new array per feed was garbage at once.
        var rented = ArrayPool<int>.Shared.Rent(history.Length);
        try
        {
            var items = rented.AsSpan(0, history.Length);
            history.CopyTo(items);
            items.Sort();
            var distinct = 0;
            for (var i = 0; i < items.Length; i++)
            {
                if (i > 0 && items[i] == items[i - 1])
                    continue;
                if ((uint)items[i] >= (uint)ItemCount)
                    throw new ArgumentOutOfRangeException(nameof(history), $"history item {items[i]} is outside 0..{ItemCount - 1}");
                TensorPrimitives.Add(into, inputVectors.AsSpan(items[i] * Dimensions, Dimensions), into);
                distinct++;
            }
            if (distinct > 0)
                TensorPrimitives.Divide(into, distinct, into);
        }
        finally { ArrayPool<int>.Shared.Return(rented); }
    }

    /// <summary>
    /// The output (retrieval) vector of an item from its metadata alone: the mean of its known tags' vectors plus its
    /// projected text vector (pass an empty span for an item without text). Unknown tags are ignored.
    /// </summary>
    public float[] EmbedItem(IReadOnlyList<string> tags, ReadOnlySpan<float> textVector) => Embed(Towers.Output, tags, textVector);

    /// <summary>The input vector of a new item from its metadata alone, as <see cref="EmbedItem"/> gives its output vector.</summary>
    public float[] EmbedHistoryItem(IReadOnlyList<string> tags, ReadOnlySpan<float> textVector) => Embed(Towers.Input, tags, textVector);

    private float[] Embed(EmbeddingTower tower, IReadOnlyList<string> tags, ReadOnlySpan<float> textVector)
    {
        var known = tags.Select(t => tagByName.TryGetValue(t, out var index) ? index : -1).Where(i => i >= 0).Distinct().Order().ToArray();
        var vector = new float[Dimensions];
        tower.Embed(known, textVector, vector);
        HalfVectorCodec.Round(vector); // at the model's precision, as an item's stored vector is
        return vector;
    }

    private EmbeddingTowers Towers => towers ?? throw new InvalidOperationException("Fit or load the model before using it.");

    private void EnsureFitted() => _ = Towers;

    private void Use(EmbeddingTowers fitted, IReadOnlyList<string> tagNames, float[] items, float[] inputs)
    {
        HalfVectorCodec.Round(items);
        HalfVectorCodec.Round(inputs);
        towers = fitted;
        TagNames = tagNames;
        tagByName = tagNames.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index, StringComparer.Ordinal);
        itemVectors = items;
        inputVectors = inputs;
    }

    private static float[] ComposeAll(EmbeddingTower tower, ItemMetadata metadata)
    {
        var d = tower.Dimensions;
        var vectors = new float[metadata.ItemCount * d];
        for (var item = 0; item < metadata.ItemCount; item++)
            tower.Compose(metadata, item, vectors.AsSpan(item * d, d));
        return vectors;
    }

    /// <summary>
    /// Magic, version, items, dimensions, text dimensions, tags (int32 each); the tag names; then row-major the output
    /// and input item vectors (f16), the output and input tag vectors and the output and input text projections (f32).
    /// </summary>
    public void Save(BinaryWriter writer)
    {
        var fitted = Towers;
        writer.Write(FileMagic);
        writer.Write(FileVersion);
        writer.Write(ItemCount);
        writer.Write(Dimensions);
        writer.Write(TextDimensions);
        writer.Write(TagNames.Count);
        foreach (var name in TagNames) writer.Write(name);
        HalfVectorCodec.Write(writer, itemVectors);
        HalfVectorCodec.Write(writer, inputVectors);
        foreach (var values in new[] { fitted.Output.TagVectors, fitted.Input.TagVectors, fitted.Output.TextProjection, fitted.Input.TextProjection })
            ModelBinary.WriteFloats(writer, values);
    }

    public static EmbeddingModel Load(BinaryReader reader)
    {
        if (reader.ReadUInt32() != FileMagic)
            throw new InvalidDataException("Not an embedding model file.");
        var version = reader.ReadInt32();
        if (version is not (1 or FileVersion))
            throw new InvalidDataException($"embedding model file version {version} is not supported (expected 1 or {FileVersion}).");
        var (items, d, text, tagCount) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        if (items < 0 || d <= 0 || text < 0 || tagCount < 0)
            throw new InvalidDataException($"invalid embedding model header ({items} items, {d} dimensions, {text} text dimensions, {tagCount} tags)");
        var names = new string[tagCount];
        for (var i = 0; i < tagCount; i++) names[i] = reader.ReadString();
        Func<BinaryReader, int, float[]> readItems = version == 1 ? ModelBinary.ReadFloats : HalfVectorCodec.Read;
        var outputItems = readItems(reader, checked(items * d));
        var inputItems = readItems(reader, checked(items * d));
        var outputTags = ModelBinary.ReadFloats(reader, checked(tagCount * d));
        var inputTags = ModelBinary.ReadFloats(reader, checked(tagCount * d));
        var outputText = ModelBinary.ReadFloats(reader, checked(text * d));
        var inputText = ModelBinary.ReadFloats(reader, checked(text * d));
        // The id vectors are not stored (the composed vectors already hold them); the towers keep only what EmbedItem reads.
        var loaded = new EmbeddingTowers(new EmbeddingTower(d, [], inputTags, inputText), new EmbeddingTower(d, [], outputTags, outputText));
        var model = new EmbeddingModel();
        model.Use(loaded, names, outputItems, inputItems);
        return model;
    }
}
