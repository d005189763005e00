using ContentGrains.Core.Batching;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// Coalesces the dispatch of concurrent ingest requests on a silo, as the event log coalesces their commits: while
/// one dispatch runs, newly logged batches queue up and then go out together. Several requests' events for the same
/// user or item then cost one grain call instead of one each, which is most of the cost of ingestion.
/// </summary>
/// <remarks>Event texts (comments) go to the silo's <see cref="CommentSentimentWorker"/> once their items have answered their tags.</remarks>
public sealed class DispatchQueue(IGrainFactory grains, IOptions<EngineOptions> options, CommentSentimentWorker sentiment) : IAsyncDisposable
{
    private const int MaxEventsPerDispatch = 50_000;
    private readonly EventDispatcher dispatcher = new(grains, options.Value.CatalogShards, options.Value.Kpis.LiveShards, sentiment.Enqueue);
    private CoalescingQueue<IReadOnlyList<LoggedEventMessage>, int>? queue;

    private CoalescingQueue<IReadOnlyList<LoggedEventMessage>, int> Queue =>
        queue ??= new(DispatchGroupAsync, events => events.Count, MaxEventsPerDispatch);

    /// <summary>Applies the events to their grains; returns how many named an item without metadata.</summary>
    public Task<int> DispatchAsync(IReadOnlyList<LoggedEventMessage> events) =>
        events.Count == 0 ? Task.FromResult(0) : Queue.EnqueueAsync(events);

    private async Task<IReadOnlyList<int>> DispatchGroupAsync(IReadOnlyList<IReadOnlyList<LoggedEventMessage>> requests)
    {
        var unknownItems = await dispatcher.DispatchAsync(requests.SelectMany(r => r).ToList());
        return requests.Select(r => r.Count(e => unknownItems.Contains(e.ItemId))).ToList();
    }

    public ValueTask DisposeAsync() => queue?.DisposeAsync() ?? ValueTask.CompletedTask;
}
