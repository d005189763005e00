using ContentGrains.Core.Models;

namespace ContentGrains.Cli;

/// <summary>The models `evaluate` can run, by name, with their default hyperparameters.</summary>
public static class ModelRegistry
{
    private static readonly Dictionary<string, Func<IRecommenderModel>> Factories = new(StringComparer.Ordinal)
    {
        ["pop"] = () => new PopularityModel(),
        ["itemknn"] = () => new ItemKnnModel(),
        ["ease"] = () => new EaseModel(),
    };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    public static IRecommenderModel Create(string name) => Factories[name]();
}
