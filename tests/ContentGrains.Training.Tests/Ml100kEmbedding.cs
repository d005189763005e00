using ContentGrains.Core.Data;
using ContentGrains.Core.Embeddings;
using ContentGrains.Core.Evaluation;
using ContentGrains.Core.Models;
using ContentGrains.Core.Text;
using ContentGrains.Inference.Text;
using ContentGrains.Testing;
using ContentGrains.Training.Embedding;

namespace ContentGrains.Training.Tests;

/// <summary>
/// RecBole's given split of MovieLens-100k with the default embedding model (MiniLM title vectors, genre tags, early
/// stopping on validation, seed 2020), fitted once for every test that reads it; and the same model fitted with 10 %
/// of the items held out of training (<see cref="ColdItemSplit"/>). The data lives beside the repository
/// (../shared/data/ml-100k-split); without it these fail, saying so.
/// </summary>
public static class Ml100kEmbedding
{
    public const int Seed = 2020;

    private static readonly Lazy<ITextEncoder> Encoder = new(() => new CachingTextEncoder(new MiniLmTextEncoder()));

    private static readonly Lazy<GivenSplit> SplitValue = new(() => GivenSplit.Load(Folder, "ml-100k"));

    private static readonly Lazy<EmbeddingModel> Warm = new(() =>
    {
        var model = EmbeddingModels.For(Context(SplitValue.Value.Valid));
        model.Fit(SplitValue.Value.Train);
        return model;
    });

    private static readonly Lazy<(ColdItemSplit Split, EmbeddingModel Model, ModelContext Context)> Cold = new(() =>
    {
        var cold = ColdItemSplit.Create(SplitValue.Value, 0.1, Seed);
        var context = Context(cold.Valid);
        var model = EmbeddingModels.For(context);
        model.Fit(cold.Train);
        return (cold, model, context);
    });

    public static string Folder => RepositoryPaths.RequireSharedData("ml-100k-split", "ml-100k.train.inter");

    public static GivenSplit Split => SplitValue.Value;

    public static EmbeddingModel Model => Warm.Value;

    public static (ColdItemSplit Split, EmbeddingModel Model, ModelContext Context) ColdStart => Cold.Value;

    private static ModelContext Context(InteractionSet validation) =>
        new(SplitValue.Value.Users, SplitValue.Value.Items, validation, AtomicFile.Read(Path.Combine(Folder, "ml-100k.item")), Seed: Seed, TextEncoder: Encoder.Value);
}
