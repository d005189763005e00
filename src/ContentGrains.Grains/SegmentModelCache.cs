using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Core.Segments;
using ContentGrains.Core.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>A segment model with the version it was stored as.</summary>
public sealed record ServedSegments(SegmentModel Model, long Version);

/// <summary>Each silo's copy of each tenant's latest segment model (<see cref="TenantSlots{T}"/>).</summary>
public sealed class SegmentModelCache(IGrainFactory grains, IModelStore store, IOptions<EngineOptions> options, TimeProvider clock,
    ILogger<SegmentModelCache> logger)
{
    /// <summary>The default tenant's segments grain; a tenant's is <see cref="TenantJobs.GrainKey"/>.</summary>
    public const string SegmentsGrainKey = TenantJobs.DefaultKey;

    private readonly TenantSlots<LatestModelCopy<ServedSegments>> copies = new(tenant => new(TenantSlots.Describe("segments", tenant),
        TenantJobs.ModelName(tenant, SegmentsOptions.ModelName),
        () => grains.GetGrain<ISegmentsGrain>(TenantJobs.GrainKey(tenant)).GetLatestVersionAsync(),
        (bytes, version) => new ServedSegments(SegmentModel.FromJson(bytes), version), served => $"{served.Model.Centroids.Count} segments",
        store, options.Value.ModelRefresh, clock, logger), TenantSlots.AnalysisModelBound);

    /// <summary>The default tenant's segment model.</summary>
    public ServedSegments? Current => copies.Default.Current;

    public ServedSegments? CurrentOf(string tenant) => copies.Of(tenant).Current;

    /// <summary>Asks for the default tenant's latest version now and loads it when it is new.</summary>
    public Task<ServedSegments?> RefreshAsync() => RefreshAsync(TenantKeys.Default);

    public Task<ServedSegments?> RefreshAsync(string tenant) => copies.Of(tenant).RefreshAsync();
}
