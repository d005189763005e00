using ContentGrains.Abstractions;
using ContentGrains.Core.Channels;

namespace ContentGrains.Grains;

/// <summary>
/// A person's audience segment for channel plans and the send-time model, as their user grain assigns it live from the
/// served segment model ("segment-3"); null before any segments were fitted.
/// </summary>
public sealed class UserGrainSegments(IGrainFactory grains) : IPersonSegments
{
    public async ValueTask<string?> SegmentOfAsync(string personId) =>
        (await grains.GetGrain<IUserGrain>(personId).GetSegmentAsync()).Segment is { } segment ? $"segment-{segment}" : null;
}
