using System.Collections.Concurrent;
using ContentGrains.Core.Live;
using ContentGrains.Core.Segments;
using ContentGrains.Core.Tenants;

namespace ContentGrains.Grains;

/// <summary>
/// Each tenant's latest person → segment table on this silo, for jobs over the log: a tenant's job calls
/// <see cref="LoadLatestAsync"/> once before it reads the log (one model-store listing; the table is read again only when
/// a newer fit was stored), then labels each event with <see cref="CurrentOf"/>, a dictionary read. Null before the
/// tenant's first fit. One entry per tenant that ran a job on this silo (as many as the install has tenants).
/// </summary>
public sealed class SegmentAssignmentsCache(IModelStore store)
{
    private readonly ConcurrentDictionary<string, Loaded> current = new(StringComparer.Ordinal);

    public sealed record Loaded(long Version, SegmentAssignments Assignments);

    public Loaded? CurrentOf(string tenant) => current.GetValueOrDefault(tenant);

    public async Task<Loaded?> LoadLatestAsync(string tenant, CancellationToken cancellation = default)
    {
        var name = TenantJobs.ModelName(tenant, SegmentsOptions.AssignmentsName);
        var latest = (await store.ListAsync(name, cancellation)).FirstOrDefault();
        var held = CurrentOf(tenant);
        if (latest is null || latest.Version == held?.Version) return held;
        var bytes = await store.LoadAsync(name, latest.Version, cancellation);
        if (bytes is null) return held;
        return current[tenant] = new Loaded(latest.Version, SegmentAssignments.FromJson(bytes));
    }
}
