using Orleans.Configuration;

namespace ContentGrains.Grains;

/// <summary>Applies <see cref="EngineOptions.CollectionQuantum"/>, <see cref="EngineOptions.UserCollectionAge"/> and <see cref="EngineOptions.ItemCollectionAge"/> to Orleans' idle collection.</summary>
public static class GrainCollectionAges
{
    public static void Apply(GrainCollectionOptions collection, EngineOptions engine)
    {
        collection.CollectionQuantum = engine.CollectionQuantum > TimeSpan.Zero ? engine.CollectionQuantum
            : throw new InvalidOperationException($"ContentGrains:Engine:{nameof(EngineOptions.CollectionQuantum)} must be above zero; got {engine.CollectionQuantum}");
        collection.ClassSpecificCollectionAge[typeof(UserGrain).FullName!] = Checked(engine.UserCollectionAge, nameof(EngineOptions.UserCollectionAge), collection);
        collection.ClassSpecificCollectionAge[typeof(ItemGrain).FullName!] = Checked(engine.ItemCollectionAge, nameof(EngineOptions.ItemCollectionAge), collection);
    }

    /// <summary>Orleans scans for idle grains once per collection quantum, so an age below it could not be honoured.</summary>
    private static TimeSpan Checked(TimeSpan age, string name, GrainCollectionOptions collection) =>
        age >= collection.CollectionQuantum ? age
        : throw new InvalidOperationException(
            $"ContentGrains:Engine:{name} must be at least Orleans' collection quantum ({collection.CollectionQuantum}); got {age}");
}
