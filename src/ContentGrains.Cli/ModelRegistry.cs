using ContentGrains.Core.Models;
using ContentGrains.Core.Text;
using ContentGrains.Inference.Text;
using ContentGrains.Training;
using ContentGrains.Training.Embedding;

namespace ContentGrains.Cli;

/// <summary>
/// The models `evaluate` can run, by name, with their default hyperparameters. EASE, ItemKNN, RP3beta and UserKNN use
/// the values `contentgrains tune` chose on the validation part of RecBole's given ml-100k split (the classes' own
/// defaults stay RecBole's, which the reference tests reproduce: EASE λ 250, ItemKNN k 100).
/// </summary>
public static class ModelRegistry
{
    /// <summary>The MiniLM encoder, loaded on first use (91 MB, about a second) and shared by every fit of the process.</summary>
    private static readonly Lazy<ITextEncoder> TextEncoder = new(() => new CachingTextEncoder(new MiniLmTextEncoder()));

    private static readonly Dictionary<string, Func<ModelContext, IRecommenderModel>> Factories = new(StringComparer.Ordinal)
    {
        ["pop"] = _ => new PopularityModel(),
        ["itemknn"] = _ => new ItemKnnModel(neighbours: 200),
        ["ease"] = _ => new EaseModel(regularization: 300),
        ["als"] = context => new ImplicitAlsModel(new ImplicitAlsOptions(Seed: context.Seed)),
        ["content"] = context => ContentModel.FromContext(context),      // needs NAME.item
        ["demographic"] = context => DemographicModel.FromContext(context), // needs NAME.user
        ["bpr"] = context => BprModel.For(context),
        ["rp3beta"] = _ => new Rp3BetaModel(alpha: 0.8, beta: 0.6, neighbours: 200),
        ["userknn"] = _ => new UserKnnModel(neighbours: 50),
        ["hybrid"] = context => new HybridModel(context),
        // Item text (title + year) encoded by MiniLM once per process; tags from NAME.item's class column.
        ["embedding"] = context => EmbeddingModels.For(context with { TextEncoder = context.TextEncoder ?? TextEncoder.Value }),
    };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>A new, unfitted model; <paramref name="context"/> carries the side information and validation set it may use.</summary>
    public static IRecommenderModel Create(string name, ModelContext context) => Factories[name](context);
}
