using ContentGrains.Abstractions;
using ContentGrains.Core.Live;

namespace ContentGrains.Grains;

/// <summary>The model versions that served a response, as a feed names them (none for the heuristic feed).</summary>
public static class ServedModels
{
    public static IReadOnlyList<ServedModel> Of(LiveModel? model) => model is null ? [] : [new ServedModel(model.Name, model.Version, model.Kind)];

    /// <summary>The feed model and, when one ranked the feed, the click model.</summary>
    public static IReadOnlyList<ServedModel> Of(LiveModel? model, ServingClickModel? click) =>
        click is null ? Of(model) : [.. Of(model), new ServedModel(click.Name, click.RegistryVersion, Core.Registry.ClickTrainingRun.Kind)];
}
