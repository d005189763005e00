namespace ContentGrains.Core.Channels;

/// <summary>
/// Which audience segment a person is in, for the send-time model's group level and for spreading items over segments.
/// The seam for the segments analysis: until it is wired, <see cref="NoSegments"/> puts everyone in no segment.
/// </summary>
public interface IPersonSegments
{
    ValueTask<string?> SegmentOfAsync(string personId);
}

public sealed class NoSegments : IPersonSegments
{
    public static readonly NoSegments Instance = new();

    public ValueTask<string?> SegmentOfAsync(string personId) => ValueTask.FromResult<string?>(null);
}
