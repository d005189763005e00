using ContentGrains.Core.Click;

namespace ContentGrains.Grains;

/// <summary>A click model as a feed serves it: the scorer, named by its registry version (e.g. "click-v2").</summary>
public sealed class ServingClickModel(IClickScorer scorer, string name, long version) : IClickScorer
{
    public string Name { get; } = name;
    public long RegistryVersion { get; } = version;
    public string Version { get; } = $"{name}-v{version}";
    public string ModelVersion => scorer.Version;
    public float[] Score(float[] rows) => scorer.Score(rows);
}
