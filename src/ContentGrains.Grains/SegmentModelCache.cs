using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Core.Segments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>A segment model with the version it was stored as.</summary>
public sealed record ServedSegments(SegmentModel Model, long Version);

/// <summary>Each silo's copy of the latest segment model (<see cref="LatestModelCopy{T}"/>).</summary>
public sealed class SegmentModelCache(IGrainFactory grains, IModelStore store, IOptions<EngineOptions> options, TimeProvider clock,
    ILogger<SegmentModelCache> logger)
{
    public const string SegmentsGrainKey = "default";

    private readonly LatestModelCopy<ServedSegments> copy = new("segments", SegmentsOptions.ModelName,
        () => grains.GetGrain<ISegmentsGrain>(SegmentsGrainKey).GetLatestVersionAsync(),
        (bytes, version) => new ServedSegments(SegmentModel.FromJson(bytes), version), served => $"{served.Model.Centroids.Count} segments",
        store, options.Value.ModelRefresh, clock, logger);

    public ServedSegments? Current => copy.Current;

    /// <summary>Asks for the latest version now and loads it when it is new.</summary>
    public Task<ServedSegments?> RefreshAsync() => copy.RefreshAsync();
}
