using ContentGrains.Abstractions;
using ContentGrains.Core.Live;

namespace ContentGrains.Grains;

/// <summary>The model versions that served a response, as a feed names them (none for the heuristic feed).</summary>
public static class ServedModels
{
    public static IReadOnlyList<ServedModel> Of(LiveModel? model) => model is null ? [] : [new ServedModel(model.Name, model.Version, model.Kind)];
}
