using ContentGrains.Core.Events;
using ContentGrains.Core.Live;
using ContentGrains.Core.Registry;
using static ContentGrains.Core.Tests.Given;

namespace ContentGrains.Core.Tests.Registry;

public sealed class ArtifactValidatorTests
{
    private readonly byte[] bytes;
    private readonly ModelVersion record;

    public ArtifactValidatorTests()
    {
        var events = new[] { ("p1", "x"), ("p1", "y"), ("p2", "x") }.Select(e => Event(EventType.Like, e.Item2, userId: e.Item1));
        var (model, report) = LiveModelTrainer.Train("m", 4, T0, events, "itemknn");
        bytes = model.ToBytes();
        record = new ModelVersion("m", 4, report.Kind, T0, 3, 2, 2, 3, 0.1, bytes.Length, Sha256: ArtifactChecksum.Of(bytes));
    }

    [Fact]
    public void A_sound_artifact_loads()
    {
        var check = ArtifactValidator.Validate("m", 4, record, bytes);
        Assert.Null(check.Problem);
        Assert.Equal((4L, 2), (check.Model!.Version, check.Model.ItemIds.Count));
    }

    [Fact]
    public void A_changed_byte_fails_the_checksum()
    {
        var corrupt = (byte[])bytes.Clone();
        corrupt[corrupt.Length / 2] ^= 0x01;
        Assert.StartsWith("checksum ", ArtifactValidator.Validate("m", 4, record, corrupt).Problem);
    }

    [Fact]
    public void Without_a_recorded_checksum_a_truncated_artifact_still_fails_to_read()
    {
        var check = ArtifactValidator.Validate("m", 4, record with { Sha256 = null }, bytes[..(bytes.Length / 2)]);
        Assert.Null(check.Model);
        Assert.StartsWith("the artifact does not read as a model", check.Problem);
    }

    [Fact]
    public void The_wrong_version_or_item_count_is_refused()
    {
        Assert.Equal("the artifact holds m v4, not m v5", ArtifactValidator.Validate("m", 5, record with { Version = 5, Sha256 = null }, bytes).Problem);
        Assert.Equal("the artifact has 2 items, the registry 3", ArtifactValidator.Validate("m", 4, record with { Items = 3 }, bytes).Problem);
        Assert.Equal("the artifact is not in the store", ArtifactValidator.Validate("m", 4, record, null).Problem);
    }
}
