using ContentGrains.Core.Batching;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// Coalesces the dispatch of concurrent ingest requests on a silo, as the event log coalesces their commits: while
/// one dispatch runs, newly logged batches queue up and then go out together. Several requests' events for the same
/// user or item then cost one grain call instead of one each, which is most of the cost of ingestion.
/// A dispatch that fails (a silo lost mid-dispatch) is retried in the background (<see cref="RetryLater"/>).
/// </summary>
public sealed class DispatchQueue(IGrainFactory grains, IOptions<EngineOptions> options, ILogger<DispatchQueue> logger) : IAsyncDisposable
{
    private const int MaxEventsPerDispatch = 50_000;
    /// <summary>Pauses before each retry: the first comes after membership has usually declared a killed silo dead.</summary>
    private static readonly TimeSpan[] RetryPauses = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(80)];
    private readonly EventDispatcher dispatcher = new(grains, options.Value.CatalogShards, options.Value.Kpis.LiveShards);
    private readonly CancellationTokenSource stopping = new();
    private CoalescingQueue<IReadOnlyList<LoggedEventMessage>, int>? queue;

    private CoalescingQueue<IReadOnlyList<LoggedEventMessage>, int> Queue =>
        queue ??= new(DispatchGroupAsync, events => events.Count, MaxEventsPerDispatch);

    /// <summary>Applies the events to their grains; returns how many named an item without metadata.</summary>
    public Task<int> DispatchAsync(IReadOnlyList<LoggedEventMessage> events) =>
        events.Count == 0 ? Task.FromResult(0) : Queue.EnqueueAsync(events);

    /// <summary>
    /// Dispatches logged events again off the request path, until it succeeds or the retries run out. Safe to repeat:
    /// user and item grains apply each log sequence once. Should every retry fail, each grain still reads the events
    /// from the log when it next activates (a grain that lived on a lost silo does so on its next call).
    /// </summary>
    public void RetryLater(IReadOnlyList<LoggedEventMessage> events) => _ = Task.Run(() => RetryAsync(events));

    private async Task RetryAsync(IReadOnlyList<LoggedEventMessage> events)
    {
        foreach (var pause in RetryPauses)
        {
            try
            {
                await Task.Delay(pause, stopping.Token);
                await dispatcher.DispatchAsync(events, liveKpis: false);
                logger.LogInformation("Dispatched {Count} logged events to their grains on retry", events.Count);
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested) { return; }
            catch (Exception error)
            {
                logger.LogWarning(error, "Retrying the dispatch of {Count} logged events failed; next try after a pause", events.Count);
            }
        }
        logger.LogWarning("Gave up dispatching {Count} logged events; their grains read them from the log when they next activate", events.Count);
    }

    private async Task<IReadOnlyList<int>> DispatchGroupAsync(IReadOnlyList<IReadOnlyList<LoggedEventMessage>> requests)
    {
        var unknownItems = await dispatcher.DispatchAsync(requests.SelectMany(r => r).ToList());
        return requests.Select(r => r.Count(e => unknownItems.Contains(e.ItemId))).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (queue is not null) await queue.DisposeAsync();
        stopping.Dispose();
    }
}
