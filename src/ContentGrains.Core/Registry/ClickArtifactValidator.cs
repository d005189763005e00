using ContentGrains.Core.Click;
using ContentGrains.Core.Live;

namespace ContentGrains.Core.Registry;

/// <summary>A validated click model ready to serve, or why it was refused.</summary>
public sealed record ClickArtifactCheck(IClickScorer? Scorer, string? Problem);

/// <summary>
/// What a silo checks before it swaps a click model in: the checksum is the registry's, the envelope names this
/// silo's feature row, ONNX Runtime loads it with the right input width, and one test row scores a probability.
/// </summary>
public static class ClickArtifactValidator
{
    public static ClickArtifactCheck Validate(ModelVersion? record, byte[]? bytes, IClickModelLoader loader)
    {
        if (bytes is null) return new(null, "the artifact is not in the store");
        if (record?.Sha256 is { } expected && ArtifactChecksum.Of(bytes) is var actual && actual != expected)
            return new(null, $"checksum {actual[..12]}… does not match the registry's {expected[..12]}…");
        IClickScorer scorer;
        try { scorer = loader.Load(ClickArtifact.Parse(bytes)); }
        catch (InvalidDataException error) { return new(null, error.Message); }
        var test = scorer.Score(ClickFeatures.Row(new ClickSignals()));
        if (test.Length != 1 || !(test[0] is >= 0 and <= 1))
            return new(null, $"the test row scored [{string.Join(", ", test)}], not one probability");
        return new(scorer, null);
    }
}
