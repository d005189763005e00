using System.Threading.Channels;
using ContentGrains.Core.Events;
using ContentGrains.Core.Log;

namespace ContentGrains.Storage;

/// <summary>
/// Group commit for an event log: appends from concurrent callers queue up, and one writer commits
/// everything waiting in a single transaction, so many small requests share one durable write.
/// Subclasses supply the transaction (<see cref="CommitAsync"/>) and the reads.
/// </summary>
public abstract class GroupCommitLog : IEventLog, IAsyncDisposable
{
    private sealed record PendingAppend(IReadOnlyList<Interaction> Events, TaskCompletionSource<long[]> Done);

    private readonly Channel<PendingAppend> queue = Channel.CreateUnbounded<PendingAppend>(new() { SingleReader = true });
    private readonly int maxEventsPerCommit;
    private Task? writer;

    protected GroupCommitLog(int maxEventsPerCommit = 20_000) => this.maxEventsPerCommit = maxEventsPerCommit;

    /// <summary>Starts the writer loop; call once, after the schema exists.</summary>
    protected void StartWriter() => writer = Task.Run(WriteLoopAsync);

    public Task<long[]> AppendAsync(IReadOnlyList<Interaction> events, CancellationToken cancellation = default)
    {
        if (events.Count == 0) return Task.FromResult(Array.Empty<long>());
        var pending = new PendingAppend(events, new TaskCompletionSource<long[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(GetType().Name, "the event log is closed");
        return pending.Done.Task;
    }

    /// <summary>
    /// Stores the events whose ids are new, in one transaction, and returns per event its sequence or 0 for
    /// a duplicate. The events come already free of duplicate ids within the call.
    /// </summary>
    protected abstract Task<long[]> CommitAsync(IReadOnlyList<Interaction> events, CancellationToken cancellation);

    public abstract Task<IReadOnlyList<LoggedInteraction>> ReadUserAsync(string userId, long afterSequence, CancellationToken cancellation = default);
    public abstract Task<IReadOnlyList<LoggedInteraction>> ReadItemAsync(string itemId, long afterSequence, CancellationToken cancellation = default);
    public abstract Task<IReadOnlyList<LoggedInteraction>> ReadAsync(long afterSequence, int limit, CancellationToken cancellation = default);
    public abstract Task<long> CountAsync(CancellationToken cancellation = default);

    private async Task WriteLoopAsync()
    {
        var group = new List<PendingAppend>();
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            var size = 0;
            while (size < maxEventsPerCommit && queue.Reader.TryRead(out var next))
            {
                group.Add(next);
                size += next.Events.Count;
            }
            await CommitGroupAsync(group).ConfigureAwait(false);
        }
    }

    private async Task CommitGroupAsync(List<PendingAppend> group)
    {
        // Flatten, keeping only the first occurrence of each id; later copies answer 0 (duplicate).
        var unique = new List<Interaction>();
        var slot = new Dictionary<string, int>(StringComparer.Ordinal);
        var positions = group.Select(p => new int[p.Events.Count]).ToArray();
        for (var g = 0; g < group.Count; g++)
            for (var i = 0; i < group[g].Events.Count; i++)
            {
                var e = group[g].Events[i];
                if (slot.ContainsKey(e.EventId)) { positions[g][i] = -1; continue; }
                slot[e.EventId] = unique.Count;
                positions[g][i] = unique.Count;
                unique.Add(e);
            }
        try
        {
            var sequences = await CommitAsync(unique, CancellationToken.None).ConfigureAwait(false);
            for (var g = 0; g < group.Count; g++)
                group[g].Done.TrySetResult(positions[g].Select(p => p < 0 ? 0 : sequences[p]).ToArray());
        }
        catch (Exception error)
        {
            foreach (var pending in group) pending.Done.TrySetException(error);
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        if (writer is not null) await writer.ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }
}
