using System.Threading.Channels;

namespace ContentGrains.Grains;

/// <summary>
/// Coalesces the dispatch of concurrent ingest requests on a silo, as the event log coalesces their commits: while
/// one dispatch runs, newly logged batches queue up and then go out together. Several requests' events for the same
/// user or item then cost one grain call instead of one each, which is most of the cost of ingestion.
/// </summary>
public sealed class DispatchQueue
{
    private sealed record Pending(IReadOnlyList<LoggedEventMessage> Events, TaskCompletionSource<int> Done);

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new() { SingleReader = true });
    private readonly EventDispatcher dispatcher;
    private const int MaxEventsPerDispatch = 50_000;

    public DispatchQueue(IGrainFactory grains)
    {
        dispatcher = new EventDispatcher(grains);
        _ = Task.Run(DispatchLoopAsync);
    }

    /// <summary>Applies the events to their grains; returns how many named an item without metadata.</summary>
    public Task<int> DispatchAsync(IReadOnlyList<LoggedEventMessage> events)
    {
        if (events.Count == 0) return Task.FromResult(0);
        var pending = new Pending(events, new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously));
        queue.Writer.TryWrite(pending);
        return pending.Done.Task;
    }

    private async Task DispatchLoopAsync()
    {
        var group = new List<Pending>();
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            var size = 0;
            while (size < MaxEventsPerDispatch && queue.Reader.TryRead(out var next))
            {
                group.Add(next);
                size += next.Events.Count;
            }
            try
            {
                var unknownItems = await dispatcher.DispatchAsync(group.SelectMany(p => p.Events).ToList()).ConfigureAwait(false);
                foreach (var p in group) p.Done.TrySetResult(p.Events.Count(e => unknownItems.Contains(e.ItemId)));
            }
            catch (Exception error)
            {
                foreach (var p in group) p.Done.TrySetException(error);
            }
        }
    }
}
