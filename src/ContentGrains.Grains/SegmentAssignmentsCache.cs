using ContentGrains.Core.Live;
using ContentGrains.Core.Segments;

namespace ContentGrains.Grains;

/// <summary>
/// The latest fit's person → segment table on this silo, for jobs over the log: a job calls <see cref="LoadLatestAsync"/>
/// once before it reads the log (one model-store listing; the table is read again only when a newer fit was stored), then
/// labels each event with <see cref="Current"/>, a dictionary read. Null before any fit.
/// </summary>
public sealed class SegmentAssignmentsCache(IModelStore store)
{
    private volatile Loaded? current;

    public sealed record Loaded(long Version, SegmentAssignments Assignments);

    public Loaded? Current => current;

    public async Task<Loaded?> LoadLatestAsync(CancellationToken cancellation = default)
    {
        var latest = (await store.ListAsync(SegmentsOptions.AssignmentsName, cancellation)).FirstOrDefault();
        if (latest is null || latest.Version == current?.Version) return current;
        var bytes = await store.LoadAsync(SegmentsOptions.AssignmentsName, latest.Version, cancellation);
        if (bytes is not null) current = new Loaded(latest.Version, SegmentAssignments.FromJson(bytes));
        return current;
    }
}
