using ContentGrains.Core.Events;

namespace ContentGrains.Core.Log;

/// <summary>
/// The append-only event log: the source of truth and the training data. The log's unique event id is the
/// dedupe, across restarts and silos. An append returns only after the events are durable.
/// </summary>
public interface IEventLog
{
    /// <summary>What <see cref="AppendAsync"/> answers for an event it refused to store: its person withdrew consent to tracking.</summary>
    const long Refused = -1;

    /// <summary>
    /// Appends the events whose ids the log does not hold yet. Returns, per input in order, the event's new
    /// sequence, or 0 when it is a duplicate (of a stored event or of an earlier one in the same call), or
    /// <see cref="Refused"/> when its person withdrew consent to tracking (a log that keeps consent; others never refuse).
    /// </summary>
    Task<long[]> AppendAsync(IReadOnlyList<Interaction> events, CancellationToken cancellation = default);

    /// <summary>
    /// The stored events among <paramref name="eventIds"/> that the log received at or after <paramref name="receivedSince"/>,
    /// in sequence order: what a duplicate answer stands for, so that the events of a batch whose silo died between the log
    /// commit and the dispatch still reach their grains when the client sends the batch again.
    /// </summary>
    Task<IReadOnlyList<LoggedInteraction>> ReadRecentAsync(IReadOnlyList<string> eventIds, DateTimeOffset receivedSince, CancellationToken cancellation = default) =>
        Task.FromResult<IReadOnlyList<LoggedInteraction>>([]);

    /// <summary>The user's events with a sequence above <paramref name="afterSequence"/>, in sequence order.</summary>
    Task<IReadOnlyList<LoggedInteraction>> ReadUserAsync(string userId, long afterSequence, CancellationToken cancellation = default);

    /// <summary>The item's events with a sequence above <paramref name="afterSequence"/>, in sequence order.</summary>
    Task<IReadOnlyList<LoggedInteraction>> ReadItemAsync(string itemId, long afterSequence, CancellationToken cancellation = default);

    /// <summary>Up to <paramref name="limit"/> events above <paramref name="afterSequence"/>, in sequence order: for training and export.</summary>
    Task<IReadOnlyList<LoggedInteraction>> ReadAsync(long afterSequence, int limit, CancellationToken cancellation = default);

    Task<long> CountAsync(CancellationToken cancellation = default);

    /// <summary>
    /// Up to <paramref name="limit"/> of one tenant's events above <paramref name="afterSequence"/>, in sequence order: what a
    /// tenant's analysis job reads (<see cref="Tenants.TenantEventLog"/>). The default tenant's rows are those whose user id
    /// holds no '/', a tenant's those that start with "tenant/" (<see cref="Tenants.TenantKeys"/>). The SQL logs select
    /// them in the statement; this fallback, for logs in memory, filters pages of <see cref="ReadAsync"/>.
    /// </summary>
    async Task<IReadOnlyList<LoggedInteraction>> ReadTenantAsync(string tenant, long afterSequence, int limit, CancellationToken cancellation = default)
    {
        var found = new List<LoggedInteraction>();
        while (found.Count < limit)
        {
            var page = await ReadAsync(afterSequence, limit, cancellation).ConfigureAwait(false);
            found.AddRange(page.Where(e => Tenants.TenantKeys.Belongs(tenant, e.Event.UserId)).Take(limit - found.Count));
            if (page.Count < limit) break;
            afterSequence = page[^1].Sequence;
        }
        return found;
    }
}
