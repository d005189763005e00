using ContentGrains.Core.Events;
using ContentGrains.Core.Log;

namespace ContentGrains.Core.Tests.Traffic;

/// <summary>An event log over a list (sequence = position + 1), read in pages as a database would be.</summary>
public sealed class ListEventLog(IReadOnlyList<Interaction> events) : IEventLog
{
    public int PagesRead { get; private set; }

    public Task<IReadOnlyList<LoggedInteraction>> ReadAsync(long afterSequence, int limit, CancellationToken cancellation = default)
    {
        PagesRead++;
        IReadOnlyList<LoggedInteraction> page = events.Skip((int)afterSequence).Take(limit).Select((e, i) => new LoggedInteraction(afterSequence + i + 1, e)).ToList();
        return Task.FromResult(page);
    }

    public Task<long> CountAsync(CancellationToken cancellation = default) => Task.FromResult((long)events.Count);
    public Task<long[]> AppendAsync(IReadOnlyList<Interaction> events, CancellationToken cancellation = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<LoggedInteraction>> ReadUserAsync(string userId, long afterSequence, CancellationToken cancellation = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<LoggedInteraction>> ReadItemAsync(string itemId, long afterSequence, CancellationToken cancellation = default) => throw new NotSupportedException();
}
