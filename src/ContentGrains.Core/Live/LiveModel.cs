using ContentGrains.Core.Catalog;
using ContentGrains.Core.Embeddings;
using ContentGrains.Core.Models;

namespace ContentGrains.Core.Live;

/// <summary>
/// A published model as the live feed uses it: the scorer (any <see cref="IPersistentModel"/>), the item ids of its
/// indices, and an item-to-item similarity (cosine k-NN over the same training data) for "because you watched X",
/// item-to-item candidates and similar items. Immutable once built; every silo loads the same bytes.
/// </summary>
/// <remarks>
/// An embedding model beyond the dense range has no k-NN table (<see cref="Similarity"/> is null): its item-to-item
/// relation is the cosine of the item vectors and its neighbours come from the vector index the silo attaches
/// (<see cref="AttachRetrieval"/>). Bytes per item held at serving time for such a model, 64 dimensions, f32: the
/// output and input vectors (2 × 256), the index (exact: a 256-byte copy; HNSW: 256 bytes of vector plus about 130 of
/// graph at connectivity 16), the id string and its dictionary entry (about 80 for a 10-character id) and the catalog
/// link (8): about 1 KB per item, about 1 GB at a million items.
/// </remarks>
public sealed class LiveModel
{
    private const int FormatVersion = 2; // 2: the similarity table is optional
    private readonly Dictionary<string, int> indexById;

    /// <param name="similarity">The k-NN table; null only for an embedding model, whose item vectors stand in for it.</param>
    public LiveModel(string name, long version, DateTimeOffset trainedAt, IReadOnlyList<string> itemIds, IPersistentModel scorer, ItemKnnModel? similarity)
    {
        if (scorer.ItemCount != itemIds.Count || (similarity is not null && similarity.ItemCount != itemIds.Count))
            throw new ArgumentException($"the scorer ({scorer.ItemCount}) and similarity ({similarity?.ItemCount}) must cover the {itemIds.Count} items");
        if (similarity is null && scorer is not EmbeddingModel)
            throw new ArgumentException($"a {scorer.Kind} model needs an item similarity table; only an embedding model may go without", nameof(similarity));
        Name = name;
        Version = version;
        TrainedAt = trainedAt;
        ItemIds = itemIds;
        Scorer = scorer;
        Similarity = similarity;
        indexById = new Dictionary<string, int>(itemIds.Count, StringComparer.Ordinal);
        for (var i = 0; i < itemIds.Count; i++) indexById[itemIds[i]] = i;
    }

    public string Name { get; }
    public long Version { get; }
    public DateTimeOffset TrainedAt { get; }
    public IReadOnlyList<string> ItemIds { get; }
    public IPersistentModel Scorer { get; }
    /// <summary>The item k-NN table; null for an embedding model beyond the dense range (see the remarks).</summary>
    public ItemKnnModel? Similarity { get; }
    public string Kind => Scorer.Kind;

    /// <summary>The scorer when it is an embedding model (retrieval by vectors is possible), else null.</summary>
    public EmbeddingModel? Embedding => Scorer as EmbeddingModel;

    private ItemRetrieval? retrieval;

    /// <summary>The silo's vector index over this model's items, once attached; the feed retrieves through it.</summary>
    public ItemRetrieval? Retrieval => Volatile.Read(ref retrieval);

    /// <summary>
    /// Attaches the index a silo built for this model, once, before the model is swapped in (so a request never sees
    /// one half-built). The caller disposes it when the model is retired.
    /// </summary>
    public void AttachRetrieval(ItemRetrieval built)
    {
        if (!ReferenceEquals(built.Model, Scorer)) throw new ArgumentException("the index was built for another model", nameof(built));
        if (Interlocked.CompareExchange(ref retrieval, built, null) is not null) throw new InvalidOperationException("this model already has a vector index");
    }

    private ModelCatalogLink? link; // the join with the silo's catalog view; one view per silo, so it is made once

    /// <summary>The join of this model's items with a catalog view, extended by the slots a snapshot adds (never rebuilt per refresh).</summary>
    public ModelCatalogLink LinkTo(CatalogSnapshot catalog)
    {
        var known = link;
        if (known is not null && ReferenceEquals(known.View, catalog.View))
        {
            known.Cover(catalog);
            return known;
        }
        known = ModelCatalogLink.Between(this, catalog);
        link = known;
        return known;
    }

    /// <summary>
    /// The item-to-item cosine of two model items, whichever of them kept the other among its neighbours (k-NN keeps
    /// the top k per item, so the relation is not symmetric); 0 when neither did. Without a table, the cosine of the
    /// two items' vectors.
    /// </summary>
    public float Cosine(int a, int b) => Similarity is { } knn
        ? Math.Max(knn.Weight(a, b), knn.Weight(b, a))
        : ItemRetrieval.CosineOf(Embedding!, a, b);

    /// <summary>The model's index of an item, or -1 for an item it was not trained on.</summary>
    public int IndexOf(string itemId) => indexById.GetValueOrDefault(itemId, -1);

    public void Write(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(FormatVersion);
        writer.Write(Name);
        writer.Write(Version);
        writer.Write(TrainedAt.ToUnixTimeMilliseconds());
        writer.Write(ItemIds.Count);
        foreach (var id in ItemIds) writer.Write(id);
        ModelFormats.Write(writer, Scorer);
        writer.Write(Similarity is not null);
        if (Similarity is not null) ModelFormats.Write(writer, Similarity);
    }

    public static LiveModel Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var format = reader.ReadInt32();
        if (format is not (1 or FormatVersion)) throw new InvalidDataException($"model format {format} is not 1 or {FormatVersion}");
        var name = reader.ReadString();
        var version = reader.ReadInt64();
        var trainedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64());
        var ids = new string[reader.ReadInt32()];
        for (var i = 0; i < ids.Length; i++) ids[i] = reader.ReadString();
        var scorer = ModelFormats.Read(reader);
        var hasSimilarity = format == 1 || reader.ReadBoolean();
        var similarity = !hasSimilarity ? null
            : ModelFormats.Read(reader) as ItemKnnModel ?? throw new InvalidDataException("the similarity part is not an item k-NN model");
        return new LiveModel(name, version, trainedAt, ids, scorer, similarity);
    }

    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        Write(buffer);
        return buffer.ToArray();
    }

    public static LiveModel FromBytes(byte[] bytes)
    {
        using var buffer = new MemoryStream(bytes, writable: false);
        return Read(buffer);
    }
}
