using ContentGrains.Core.Events;
using ContentGrains.Core.Log;

namespace ContentGrains.Core.Tenants;

/// <summary>
/// The event log as one tenant's analysis job sees it: <see cref="ReadAsync"/> pages only the tenant's rows
/// (<see cref="IEventLog.ReadTenantAsync"/>, a condition in the SQL statement), so the job code that pages a log (rules,
/// segments, KPIs, reports) reads the tenant's events unchanged and never sees another tenant's. Per-person and per-item
/// reads pass through: their keys are qualified already. <see cref="CountAsync"/> answers the install's count, an upper
/// bound of the tenant's: jobs use it only as "has the log grown" and for progress, and counting a tenant's rows would
/// scan them.
/// </summary>
public sealed class TenantEventLog(IEventLog inner, string tenant) : IEventLog
{
    public string Tenant => tenant;

    public Task<IReadOnlyList<LoggedInteraction>> ReadAsync(long afterSequence, int limit, CancellationToken cancellation = default) =>
        inner.ReadTenantAsync(tenant, afterSequence, limit, cancellation);

    public Task<IReadOnlyList<LoggedInteraction>> ReadTenantAsync(string other, long afterSequence, int limit, CancellationToken cancellation = default) =>
        other == tenant ? ReadAsync(afterSequence, limit, cancellation) : Task.FromResult<IReadOnlyList<LoggedInteraction>>([]);

    public Task<long[]> AppendAsync(IReadOnlyList<Interaction> events, CancellationToken cancellation = default) =>
        events.All(e => TenantKeys.Belongs(tenant, e.UserId)) ? inner.AppendAsync(events, cancellation)
            : throw new ArgumentException($"an event of another tenant than '{tenant}'", nameof(events));

    public Task<IReadOnlyList<LoggedInteraction>> ReadRecentAsync(IReadOnlyList<string> eventIds, DateTimeOffset receivedSince, CancellationToken cancellation = default) =>
        inner.ReadRecentAsync(eventIds, receivedSince, cancellation);

    public Task<IReadOnlyList<LoggedInteraction>> ReadUserAsync(string userId, long afterSequence, CancellationToken cancellation = default) =>
        inner.ReadUserAsync(userId, afterSequence, cancellation);

    public Task<IReadOnlyList<LoggedInteraction>> ReadItemAsync(string itemId, long afterSequence, CancellationToken cancellation = default) =>
        inner.ReadItemAsync(itemId, afterSequence, cancellation);

    public Task<long> CountAsync(CancellationToken cancellation = default) => inner.CountAsync(cancellation);
}
