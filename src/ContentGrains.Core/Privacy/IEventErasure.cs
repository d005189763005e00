using ContentGrains.Core.Events;

namespace ContentGrains.Core.Privacy;

/// <summary>
/// What privacy needs of the event log besides appending: reading one person's events a page at a time (for an export),
/// erasing all of them (their dedupe entries go with them: the log's unique event id is the dedupe), and expiring old
/// events in bounded batches (retention).
/// </summary>
public interface IEventErasure
{
    /// <summary>Up to <paramref name="limit"/> of the person's events above <paramref name="afterSequence"/>, in sequence order.</summary>
    Task<IReadOnlyList<LoggedInteraction>> ReadUserPageAsync(string userId, long afterSequence, int limit, CancellationToken cancellation = default);

    /// <summary>Deletes every event of the person; returns how many rows went.</summary>
    Task<long> EraseUserAsync(string userId, CancellationToken cancellation = default);

    /// <summary>Deletes at most <paramref name="limit"/> events whose event time is before <paramref name="cutoff"/>; returns how many went.</summary>
    Task<int> ExpireBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellation = default);
}
