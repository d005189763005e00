using ContentGrains.Core.Models;

namespace ContentGrains.Cli;

/// <summary>The models `evaluate` can run, by name, with their default hyperparameters.</summary>
public static class ModelRegistry
{
    private static readonly Dictionary<string, Func<ModelContext, IRecommenderModel>> Factories = new(StringComparer.Ordinal)
    {
        ["pop"] = _ => new PopularityModel(),
        ["itemknn"] = _ => new ItemKnnModel(),
        ["ease"] = _ => new EaseModel(),
        ["als"] = context => new ImplicitAlsModel(new ImplicitAlsOptions(Seed: context.Seed)),
        ["content"] = context => ContentModel.FromContext(context),      // needs NAME.item
        ["demographic"] = context => DemographicModel.FromContext(context), // needs NAME.user
        ["rp3beta"] = _ => new Rp3BetaModel(),
        ["hybrid"] = context => new HybridModel(context),
    };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>A new, unfitted model; <paramref name="context"/> carries the side information and validation set it may use.</summary>
    public static IRecommenderModel Create(string name, ModelContext context) => Factories[name](context);
}
