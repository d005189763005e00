using ContentGrains.Core.Catalog;
using ContentGrains.Core.Models;

namespace ContentGrains.Core.Live;

/// <summary>
/// A published model as the live feed uses it: the scorer (any <see cref="IPersistentModel"/>), the item ids of its
/// indices, and an item-to-item similarity (cosine k-NN over the same training data) for "because you watched X",
/// item-to-item candidates and similar items. Immutable once built; every silo loads the same bytes.
/// </summary>
public sealed class LiveModel
{
    private const int FormatVersion = 1;
    private readonly Dictionary<string, int> indexById;

    public LiveModel(string name, long version, DateTimeOffset trainedAt, IReadOnlyList<string> itemIds, IPersistentModel scorer, ItemKnnModel similarity)
    {
        if (scorer.ItemCount != itemIds.Count || similarity.ItemCount != itemIds.Count)
            throw new ArgumentException($"the scorer ({scorer.ItemCount}) and similarity ({similarity.ItemCount}) must cover the {itemIds.Count} items");
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
    public ItemKnnModel Similarity { get; }
    public string Kind => Scorer.Kind;

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
    /// the top k per item, so the relation is not symmetric); 0 when neither did.
    /// </summary>
    public float Cosine(int a, int b) => Math.Max(Similarity.Weight(a, b), Similarity.Weight(b, a));

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
        ModelFormats.Write(writer, Similarity);
    }

    public static LiveModel Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var format = reader.ReadInt32();
        if (format != FormatVersion) throw new InvalidDataException($"model format {format} is not {FormatVersion}");
        var name = reader.ReadString();
        var version = reader.ReadInt64();
        var trainedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64());
        var ids = new string[reader.ReadInt32()];
        for (var i = 0; i < ids.Length; i++) ids[i] = reader.ReadString();
        var scorer = ModelFormats.Read(reader);
        var similarity = ModelFormats.Read(reader) as ItemKnnModel ?? throw new InvalidDataException("the similarity part is not an item k-NN model");
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
