using System.Diagnostics;
using ContentGrains.Core.Data;
using ContentGrains.Core.Events;
using ContentGrains.Core.Models;

namespace ContentGrains.Core.Live;

/// <summary>What one training run saw and how long it took.</summary>
/// <param name="KindNote">Why the trained kind differs from the one asked for (null when it does not).</param>
public sealed record TrainingReport(string Kind, long EventsRead, int Users, int Items, int Positives, double Seconds, string Device = "cpu", string? KindNote = null);

/// <summary>A scorer trained on a device other libraries pick (TorchSharp: "cuda" when available, else "cpu"); others train on the CPU.</summary>
public interface ITrainedOnDevice
{
    string Device { get; }
}

/// <summary>
/// Trains a <see cref="LiveModel"/> from interactions (the event log): the positives of <see cref="TrainingSetBuilder"/>,
/// the scorer of the requested kind, and the item-to-item similarity the feed uses for reasons and neighbours.
/// </summary>
public static class LiveModelTrainer
{
    /// <summary>
    /// EASE and the hybrid hold items × items matrices: beyond this many items the trainer trains the embedding kind
    /// instead (O(items × dimensions)), and says so in the report; an embedding model beyond it keeps no k-NN table.
    /// 5,000 items keep EASE's artifact within 100 MB (f32 items²) and its cubic solve within seconds; at MovieLens
    /// latest-small's 9,724 items EASE took 20 minutes, 368 MB and 3.7 GB, the embedding kind 40 s, 6.6 MB and 1.2 GB
    /// (bench/results/latest-small*.json).
    /// </summary>
    public const int MaxDenseItems = 5_000;

    /// <summary>Neighbours kept per item for similar items and reasons.</summary>
    public const int SimilarityNeighbours = 50;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Func<ModelContext, IRecommenderModel>> CoreKinds = new(StringComparer.Ordinal)
    {
        [PopularityModel.KindName] = _ => new PopularityModel(),
        [ItemKnnModel.KindName] = _ => new ItemKnnModel(),
        [EaseModel.KindName] = _ => new EaseModel(),
        [ImplicitAlsModel.KindName] = context => new ImplicitAlsModel(new ImplicitAlsOptions(Seed: context.Seed)),
        // Live there is no validation split: the hybrid's ranker learns from a hold-out of the training events.
        [HybridModel.KindName] = context => new HybridModel(context),
        // Live the item side file is the catalog's tags (CatalogSideFile), so content scores new items from their tags.
        [ContentModel.KindName] = context => ContentModel.FromContext(context),
    };

    public static IReadOnlyCollection<string> Kinds => CoreKinds.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Adds a live kind from another assembly (for example a TorchSharp model): its factory here, and its loader in
    /// <see cref="ModelFormats.Register"/>. The model must be an <see cref="IPersistentModel"/>.
    /// </summary>
    public static void Register(string kind, Func<ModelContext, IRecommenderModel> create) => CoreKinds[kind] = create;

    /// <param name="itemFile">Item side information (RecBole <c>.item</c> layout), e.g. <see cref="CatalogSideFile"/>; the
    /// content model needs it, the hybrid uses its <c>class</c> column.</param>
    public static (LiveModel Model, TrainingReport Report) Train(
        string name, long version, DateTimeOffset now, IEnumerable<Interaction> events, string kind, AtomicFile? itemFile = null)
    {
        var builder = new TrainingSetBuilder();
        foreach (var e in events) builder.Add(e);
        if (CoversCatalog(ChooseKind(kind, builder.Items.Count).Kind)) AddCatalogItems(builder, itemFile);
        return Train(name, version, now, builder, builder.Build(), kind, itemFile);
    }

    /// <summary>Trains on <paramref name="train"/>, a set over <paramref name="builder"/>'s id maps (all its positives, or
    /// those left after a held-out split); the model covers every item of the maps.</summary>
    /// <param name="textVectors">Item text vectors by id (live: read in pages from the item vector store) for kinds that read text.</param>
    public static (LiveModel Model, TrainingReport Report) Train(
        string name, long version, DateTimeOffset now, TrainingSetBuilder builder, InteractionSet train, string kind, AtomicFile? itemFile = null,
        IReadOnlyDictionary<string, float[]>? textVectors = null)
    {
        var clock = Stopwatch.StartNew();
        if (train.Count == 0) throw new InvalidOperationException("the event log holds no positive interactions to train on");

        var (trained, note) = ChooseKind(kind, train.ItemCount);
        if (!CoreKinds.TryGetValue(trained, out var create))
            throw new ArgumentException($"unknown model kind '{trained}' (known: {string.Join(", ", Kinds)})", nameof(kind));
        var scorer = create(new ModelContext(builder.Users, builder.Items, ItemFile: itemFile, ItemTextVectors: textVectors)) as IPersistentModel
                     ?? throw new ArgumentException($"model kind '{trained}' cannot be published live", nameof(kind));
        ((IRecommenderModel)scorer).Fit(train);
        var similarity = SimilarityFor(scorer, train);

        var itemIds = Enumerable.Range(0, builder.Items.Count).Select(builder.Items.IdOf).ToArray();
        var model = new LiveModel(name, version, now, itemIds, scorer, similarity);
        return (model, new TrainingReport(scorer.Kind, builder.EventsRead, train.UserCount, train.ItemCount, train.Count, clock.Elapsed.TotalSeconds,
            (scorer as ITrainedOnDevice)?.Device ?? "cpu", note));
    }

    /// <summary>
    /// The kind to train for a catalog of <paramref name="items"/>: a dense kind beyond <see cref="MaxDenseItems"/>
    /// becomes the embedding kind, with the reason (never silently item k-NN, whose neighbours are not a ranking model
    /// of the person); it fails with a clear message when no embedding kind is registered (TorchSharp is not loaded).
    /// </summary>
    public static (string Kind, string? Note) ChooseKind(string kind, int items)
    {
        if (kind is not (EaseModel.KindName or HybridModel.KindName) || items <= MaxDenseItems) return (kind, null);
        if (!CoreKinds.ContainsKey(Embeddings.EmbeddingModel.KindName))
            throw new InvalidOperationException(
                $"model kind '{kind}' holds items × items matrices and the catalog has {items:N0} items (over {MaxDenseItems:N0}); " +
                $"the '{Embeddings.EmbeddingModel.KindName}' kind that replaces it is not registered on this silo");
        return (Embeddings.EmbeddingModel.KindName,
            $"trained '{Embeddings.EmbeddingModel.KindName}' instead of '{kind}': {items:N0} items is over the dense limit of {MaxDenseItems:N0}");
    }

    /// <summary>True when a training run should cover the catalog's items without events too (cold start from metadata).</summary>
    public static bool CoversCatalog(string kind) => kind == Embeddings.EmbeddingModel.KindName;

    /// <summary>
    /// Adds the catalog's items that no event names yet to the id map, so the model covers them: the embedding model
    /// gives them vectors from their tags (and text) alone, and a brand-new item can be retrieved before anyone sees it.
    /// </summary>
    public static void AddCatalogItems(TrainingSetBuilder builder, AtomicFile? catalog)
    {
        if (catalog is null) return;
        for (var row = 0; row < catalog.RowCount; row++) builder.Items.GetOrAdd(catalog.Token(row, 0));
    }

    /// <summary>The item k-NN table, except for an embedding model beyond the dense range: its vectors stand in (O(items × d)).</summary>
    private static ItemKnnModel? SimilarityFor(IPersistentModel scorer, InteractionSet train)
    {
        if (scorer is Embeddings.EmbeddingModel && train.ItemCount > MaxDenseItems) return null;
        var similarity = new ItemKnnModel(SimilarityNeighbours);
        similarity.Fit(train);
        return similarity;
    }
}
