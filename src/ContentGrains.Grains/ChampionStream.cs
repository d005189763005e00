using Orleans.Runtime;

namespace ContentGrains.Grains;

/// <summary>
/// A new champion of a model's registry, pushed to one silo's scorer; <c>Version</c> null: the registry has no champion
/// any more (a click champion retired), and the silo falls back to what serves without one.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.ChampionMessage")]
public sealed record ChampionMessage([property: Id(0)] string Model, [property: Id(1)] long? Version);

/// <summary>
/// The champion push: an Orleans stream per silo (namespace "champion", key the silo name), implicitly subscribed by
/// that silo's <see cref="SiloScorerGrain"/>. The trainer sends one message per active silo, so every silo hears of it.
/// </summary>
public static class ChampionStream
{
    public const string Provider = "models";
    public const string Namespace = "champion";

    public static StreamId For(string siloName) => StreamId.Create(Namespace, siloName);
}
