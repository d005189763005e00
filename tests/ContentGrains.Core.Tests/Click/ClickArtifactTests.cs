using ContentGrains.Core.Click;
using ContentGrains.Core.Live;
using ContentGrains.Core.Registry;

namespace ContentGrains.Core.Tests.Click;

public sealed class ClickArtifactTests
{
    private static readonly byte[] Onnx = [1, 2, 3, 4, 5];

    [Fact]
    public void An_artifact_round_trips_with_its_feature_definition_and_version()
    {
        var artifact = new ClickArtifact(ClickFeatures.DefinitionVersion, "click-abc", Onnx);

        var parsed = ClickArtifact.Parse(artifact.ToBytes());

        Assert.Equal((ClickFeatures.DefinitionVersion, "click-abc"), (parsed.FeatureDefinition, parsed.ModelVersion));
        Assert.Equal(Onnx, parsed.Onnx);
        Assert.StartsWith($"f{ClickFeatures.Count}-", ClickFeatures.DefinitionVersion);
    }

    [Fact]
    public void Bytes_that_are_not_an_artifact_or_name_another_feature_row_are_refused()
    {
        Assert.Contains("CGCLICK1", Assert.Throws<InvalidDataException>(() => ClickArtifact.Parse(Onnx)).Message);
        var other = new ClickArtifact("f36-000000000000", "click-old", Onnx).ToBytes();
        Assert.Contains("f36-000000000000", Assert.Throws<InvalidDataException>(() => ClickArtifact.Parse(other)).Message);
        var truncated = new ClickArtifact(ClickFeatures.DefinitionVersion, "click-abc", Onnx).ToBytes()[..12];
        Assert.Throws<InvalidDataException>(() => ClickArtifact.Parse(truncated));
    }

    [Fact]
    public void The_validator_checks_the_checksum_before_loading()
    {
        var bytes = new ClickArtifact(ClickFeatures.DefinitionVersion, "click-abc", Onnx).ToBytes();
        var record = new ModelVersion("click", 1, "click", DateTimeOffset.UnixEpoch, 0, 0, 0, 0, 0, bytes.Length, Sha256: ArtifactChecksum.Of(bytes));
        var loads = 0;
        var loader = new CountingLoader(() => loads++);

        var corrupt = (byte[])bytes.Clone();
        corrupt[^1] ^= 0xFF;
        var refused = ClickArtifactValidator.Validate(record, corrupt, loader);
        var accepted = ClickArtifactValidator.Validate(record, bytes, loader);

        Assert.Contains("checksum", refused.Problem);
        Assert.Null(accepted.Problem);
        Assert.Equal(1, loads);
    }

    [Fact]
    public void A_model_whose_test_row_is_not_a_probability_is_refused()
    {
        var bytes = new ClickArtifact(ClickFeatures.DefinitionVersion, "click-abc", Onnx).ToBytes();

        var check = ClickArtifactValidator.Validate(null, bytes, new CountingLoader(() => { }, score: float.NaN));

        Assert.Null(check.Scorer);
        Assert.Contains("not one probability", check.Problem);
    }

    private sealed class CountingLoader(Action loaded, float score = 0.5f) : IClickModelLoader
    {
        public IClickScorer Load(ClickArtifact artifact)
        {
            loaded();
            return new Constant(artifact.ModelVersion, score);
        }
    }

    private sealed class Constant(string version, float score) : IClickScorer
    {
        public string Version => version;
        public float[] Score(float[] rows) => Enumerable.Repeat(score, rows.Length / ClickFeatures.Count).ToArray();
    }
}
