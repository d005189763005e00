using ContentGrains.Core.Live;

namespace ContentGrains.Core.Registry;

/// <summary>A loaded artifact ready to swap in, or why it must not be.</summary>
public sealed record ArtifactCheck(LiveModel? Model, string? Problem);

/// <summary>
/// What a silo checks before it swaps a published version in: the bytes' SHA-256 against the registry's, that they
/// read as a model of that name and version, that its item count is the registry's, and that one test score is a
/// number for every item. A version failing any of these is refused and the silo keeps what it serves.
/// </summary>
public static class ArtifactValidator
{
    public static ArtifactCheck Validate(string name, long version, ModelVersion? record, byte[]? bytes)
    {
        if (bytes is null) return Refuse("the artifact is not in the store");
        if (record?.Sha256 is { } expected && ArtifactChecksum.Of(bytes) is var actual && actual != expected)
            return Refuse($"checksum {actual[..12]}… does not match the registry's {expected[..12]}…");
        LiveModel model;
        try { model = LiveModel.FromBytes(bytes); }
        catch (Exception error) when (error is InvalidDataException or EndOfStreamException or ArgumentException or FormatException or IOException)
        {
            return Refuse($"the artifact does not read as a model: {error.Message}");
        }
        if (model.Name != name || model.Version != version) return Refuse($"the artifact holds {model.Name} v{model.Version}, not {name} v{version}");
        if (record is not null && model.ItemIds.Count != record.Items)
            return Refuse($"the artifact has {model.ItemIds.Count} items, the registry {record.Items}");
        var scores = new float[model.ItemIds.Count];
        model.Scorer.ScoreHistory(scores.Length > 0 ? [0] : [], scores);
        if (scores.Any(float.IsNaN)) return Refuse("the test score (history: the first item) is not a number for every item");
        return new ArtifactCheck(model, null);
    }

    private static ArtifactCheck Refuse(string problem) => new(null, problem);
}
