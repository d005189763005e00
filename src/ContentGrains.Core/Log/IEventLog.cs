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

    /// <summary>
    /// The user's events above <paramref name="afterSequence"/> and, for a log that keeps consent in its own store, their
    /// consent, in one command on one connection: a person first seen costs one read here instead of two connections
    /// (the consent store's and the log's). This default reads the events alone (<see cref="UserActivationRead.ConsentRead"/> false).
    /// </summary>
    async Task<UserActivationRead> ReadUserActivationAsync(string userId, long afterSequence, CancellationToken cancellation = default) =>
        UserActivationRead.EventsOnly(await ReadUserAsync(userId, afterSequence, cancellation).ConfigureAwait(false));

    /// <summary>The item's events with a sequence above <paramref name="afterSequence"/>, in sequence order.</summary>
    Task<IReadOnlyList<LoggedInteraction>> ReadItemAsync(string itemId, long afterSequence, CancellationToken cancellation = default);

    /// <summary>Up to <paramref name="limit"/> events above <paramref name="afterSequence"/>, in sequence order: for training and export.</summary>
    Task<IReadOnlyList<LoggedInteraction>> ReadAsync(long afterSequence, int limit, CancellationToken cancellation = default);

    Task<long> CountAsync(CancellationToken cancellation = default);

    /// <summary>
    /// Up to <paramref name="limit"/> events of <paramref name="tenant"/> above <paramref name="afterSequence"/>, in sequence
    /// order: a tenant's training data and analysis jobs (<see cref="Tenants.TenantEventLog"/>; <see cref="TenantRows"/> says which rows are the tenant's). A store filters in its
    /// query; this default reads every row and keeps the tenant's (for logs in memory).
    /// </summary>
    async Task<IReadOnlyList<LoggedInteraction>> ReadTenantAsync(string tenant, long afterSequence, int limit, CancellationToken cancellation = default)
    {
        var kept = new List<LoggedInteraction>();
        while (kept.Count < limit)
        {
            var page = await ReadAsync(afterSequence, limit, cancellation).ConfigureAwait(false);
            kept.AddRange(page.Where(e => TenantRows.Holds(tenant, e.Event)).Take(limit - kept.Count));
            if (page.Count < limit) break;
            afterSequence = page[^1].Sequence;
        }
        return kept;
    }

    /// <summary>How many events of <paramref name="tenant"/> the log holds above <paramref name="afterSequence"/>: what a scheduled retrain checks.</summary>
    async Task<long> CountTenantAsync(string tenant, long afterSequence, CancellationToken cancellation = default)
    {
        long count = 0;
        while (true)
        {
            var page = await ReadTenantAsync(tenant, afterSequence, 10_000, cancellation).ConfigureAwait(false);
            count += page.Count;
            if (page.Count < 10_000) return count;
            afterSequence = page[^1].Sequence;
        }
    }
}
