using ContentGrains.Core.Batching;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// Coalesces the dispatch of concurrent ingest requests on a silo, as the event log coalesces their commits: while
/// one dispatch runs, newly logged batches queue up and then go out together. Several requests' events for the same
/// user or item then cost one grain call instead of one each, which is most of the cost of ingestion.
/// <para>
/// Events a grain could not take (its silo lost mid-dispatch, its store down) are already in the log: the answer
/// counts them as pending, and they go again to exactly the grains that missed them, off the request path, with
/// growing pauses. Should every retry fail, each such grain still reads them from the log when it next activates
/// (one that lived on a lost silo does so on its next call).
/// </para>
/// <para>
/// Back-pressure: a batch takes room in the silo's backlog (<see cref="AdmitAsync"/>, <see cref="EngineOptions.DispatchBacklog"/>
/// events) before it is logged and gives it back when its dispatch ends, so a client faster than the grains waits for
/// room, or is told the engine is overloaded before anything is stored, instead of piling up dispatches whose grain calls
/// time out (the 100k import: 1,968 calls past Orleans' 30 s).
/// </para>
/// </summary>
/// <remarks>Event texts (comments) go to the silo's <see cref="CommentSentimentWorker"/> once their items have answered their tags.</remarks>
public sealed class DispatchQueue(IGrainFactory grains, IOptions<EngineOptions> options, CommentSentimentWorker sentiment, ILogger<DispatchQueue> logger) : IAsyncDisposable
{
    private const int MaxEventsPerDispatch = 50_000;
    /// <summary>Pauses before each retry: the first comes after membership has usually declared a killed silo dead.</summary>
    private static readonly TimeSpan[] RetryPauses = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(80)];
    private readonly EventDispatcher dispatcher = new(grains, options.Value.CatalogShards, options.Value.Kpis.LiveShards, options.Value.DispatchCallsInFlight, sentiment.Enqueue);
    private readonly AdmissionGate backlog = new(options.Value.DispatchBacklog);
    private readonly CancellationTokenSource stopping = new();
    private CoalescingQueue<IReadOnlyList<LoggedEventMessage>, DispatchAnswer>? queue;

    private CoalescingQueue<IReadOnlyList<LoggedEventMessage>, DispatchAnswer> Queue =>
        queue ??= new(DispatchGroupAsync, events => events.Count, MaxEventsPerDispatch);

    /// <summary>
    /// Waits up to <paramref name="wait"/> for room for <paramref name="events"/> in this silo's dispatch backlog; null when
    /// none came (the caller refuses its batch as overloaded). The admission goes to <see cref="DispatchAsync(IReadOnlyList{LoggedEventMessage}, DispatchAdmission)"/> or is disposed.
    /// </summary>
    public async Task<DispatchAdmission?> AdmitAsync(int events, TimeSpan wait) =>
        events == 0 ? DispatchAdmission.None
        : await backlog.EnterAsync(events, wait) ? new DispatchAdmission(backlog, events) : null;

    /// <summary>The backlog now, for an overload answer: events admitted and not yet dispatched, events waiting for room, the room.</summary>
    public (int Admitted, int Waiting, int Capacity) Backlog => (backlog.InUse, backlog.Waiting, backlog.Capacity);

    /// <summary>Applies the events to their grains; answers how many named an item without metadata, and how many some grain still lacks.</summary>
    public Task<DispatchAnswer> DispatchAsync(IReadOnlyList<LoggedEventMessage> events) =>
        events.Count == 0 ? Task.FromResult(new DispatchAnswer(0, 0)) : Queue.EnqueueAsync(events);

    /// <summary>As <see cref="DispatchAsync(IReadOnlyList{LoggedEventMessage})"/>; the admission's room is given back when the dispatch ends.</summary>
    public Task<DispatchAnswer> DispatchAsync(IReadOnlyList<LoggedEventMessage> events, DispatchAdmission admission)
    {
        var dispatched = DispatchAsync(events);
        admission.GiveBackWhen(dispatched);
        return dispatched;
    }

    /// <summary>Sends every one of these logged events again, item stage first (for a dispatch that failed as a whole).</summary>
    public void RetryLater(IReadOnlyList<LoggedEventMessage> events) =>
        RetryLater(new DispatchOutcome(new HashSet<string>(), events, [], null));

    private async Task<IReadOnlyList<DispatchAnswer>> DispatchGroupAsync(IReadOnlyList<IReadOnlyList<LoggedEventMessage>> requests)
    {
        var outcome = await dispatcher.DispatchAsync(requests.SelectMany(r => r).ToList());
        var pending = outcome.PendingSequences();
        if (!outcome.Complete)
        {
            logger.LogWarning(outcome.FirstError, "{Count} logged events did not reach all their grains; acknowledged, and retried in the background", pending.Count);
            RetryLater(outcome);
        }
        // Two look-ups per event only when there is something to count (almost never on a healthy engine).
        return requests.Select(r => new DispatchAnswer(
            outcome.UnknownItems.Count == 0 ? 0 : r.Count(e => outcome.UnknownItems.Contains(e.ItemId)),
            pending.Count == 0 ? 0 : r.Count(e => pending.Contains(e.Sequence)))).ToList();
    }

    private void RetryLater(DispatchOutcome outcome) => _ = Task.Run(() => RetryAsync(outcome));

    private async Task RetryAsync(DispatchOutcome outcome)
    {
        foreach (var pause in RetryPauses)
        {
            try { await Task.Delay(pause, stopping.Token); }
            catch (OperationCanceledException) { return; }
            // Events whose item failed never reached their user or the live KPIs: the whole path. The others: their users only.
            var again = await dispatcher.DispatchAsync(outcome.ItemsPending);
            var (users, userError) = await dispatcher.ApplyToUsersAsync(outcome.UsersPending, liveKpis: false);
            outcome = again with { UsersPending = [.. again.UsersPending, .. users], FirstError = again.FirstError ?? userError };
            if (outcome.Complete)
            {
                logger.LogInformation("Logged events that had missed some grains reached them on retry");
                return;
            }
            logger.LogWarning(outcome.FirstError, "{Count} logged events still miss some grains; retrying after a pause", outcome.PendingSequences().Count);
        }
        logger.LogWarning("Gave up sending {Count} logged events to grains that missed them; each reads them from the log when it next activates",
            outcome.PendingSequences().Count);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (queue is not null) await queue.DisposeAsync();
        stopping.Dispose();
    }
}

/// <summary>Per request: events about items without metadata, and events some grain has not applied yet (retried).</summary>
public readonly record struct DispatchAnswer(int UnknownItems, int Pending);
