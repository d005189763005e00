using ContentGrains.Core.Events;
using ContentGrains.Core.Log;

namespace ContentGrains.Core.Tests.Experiments;

/// <summary>
/// An event log in memory with explicit sequences, read in pages and per person as the stores read them. A sequence can be
/// reserved now and committed later (<see cref="Reserve"/>, <see cref="CommitLate"/>): what PostgreSQL does when one silo's
/// batch takes its sequences and commits after another silo's later batch.
/// </summary>
public sealed class SequencedEventLog : IEventLog
{
    private readonly SortedList<long, Interaction> rows = [];
    private long next;

    public IEnumerable<Interaction> InSequenceOrder => rows.Values;

    public void Append(params IEnumerable<Interaction> events)
    {
        foreach (var e in events) rows.Add(++next, e);
    }

    public long Reserve() => ++next;

    public void CommitLate(long sequence, Interaction e) => rows.Add(sequence, e);

    public Task<IReadOnlyList<LoggedInteraction>> ReadAsync(long afterSequence, int limit, CancellationToken cancellation = default) =>
        Task.FromResult<IReadOnlyList<LoggedInteraction>>(rows.Where(r => r.Key > afterSequence).Take(limit).Select(r => new LoggedInteraction(r.Key, r.Value)).ToList());

    public Task<IReadOnlyList<LoggedInteraction>> ReadUserAsync(string userId, long afterSequence, CancellationToken cancellation = default) =>
        Task.FromResult<IReadOnlyList<LoggedInteraction>>(rows.Where(r => r.Key > afterSequence && r.Value.UserId == userId).Select(r => new LoggedInteraction(r.Key, r.Value)).ToList());

    public Task<long> CountAsync(CancellationToken cancellation = default) => Task.FromResult((long)rows.Count);
    public Task<long[]> AppendAsync(IReadOnlyList<Interaction> events, CancellationToken cancellation = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<LoggedInteraction>> ReadItemAsync(string itemId, long afterSequence, CancellationToken cancellation = default) => throw new NotSupportedException();
}
