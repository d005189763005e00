using ContentGrains.Abstractions;
using ContentGrains.Core.Events;
using ContentGrains.Core.Log;
using ContentGrains.Core.Tenants;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace ContentGrains.Grains;

/// <summary>
/// Takes a batch of events on the silo that received it: validate, append to the log (the dedupe and the
/// durability point), then apply the new events to their item and user grains before answering, so the
/// very next feed of those users already reflects them. Once logged, events are acknowledged even if applying them fails.
/// The log refuses the events of persons who withdrew consent to tracking; they are answered as rejected, with the reason.
/// A batch first takes room in the silo's dispatch backlog (<see cref="DispatchQueue.AdmitAsync"/>): when none comes within
/// <see cref="MaxAdmissionWait"/> it is refused with <see cref="EngineOverloadedException"/> before anything is stored.
/// </summary>
// Reentrant: a worker holds no state, and while one batch waits on the log others can join the same group commit.
[StatelessWorker, Reentrant]
public sealed class IngestGrain(IEventLog log, EventValidator validator, DispatchQueue dispatch, ILogger<IngestGrain> logger) : Grain, IIngestGrain
{
    /// <summary>How long an answer waits for the dispatch; well inside Orleans' 30 s response timeout of the caller's call.</summary>
    private static readonly TimeSpan MaxDispatchWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a batch waits for room in the dispatch backlog; with the append and <see cref="MaxDispatchWait"/>, well inside
    /// the caller's 30 s even on a starved silo (10 s here let the HTTP call to this grain time out once at load 90 on 2 cores).
    /// A refusal is cheap (nothing stored) and the CLI import honours its Retry-After.
    /// </summary>
    public static readonly TimeSpan MaxAdmissionWait = TimeSpan.FromSeconds(5);

    /// <summary>The Retry-After of an overload answer: about what a backlog of the default size takes to drain on two loaded cores.</summary>
    private const int OverloadRetryAfterSeconds = 5;

    /// <summary>
    /// Duplicates the log received this recently are dispatched again: a silo that died between the log commit and the
    /// dispatch left them in the log but in no grain, and the client's retry is the only word of them that arrives
    /// (issue 9: 154 clicks counted missing in a 3-kill drill). Well inside <see cref="AppliedWindow.RedeliveryHorizon"/>,
    /// so a grain that did apply them recognises them.
    /// </summary>
    public static readonly TimeSpan RedispatchDuplicatesWithin = TimeSpan.FromMinutes(5);

    public Task<IngestResult> IngestAsync(IReadOnlyList<InteractionEvent> events) => IngestForAsync(TenantKeys.Default, events);

    public async Task<IngestResult> IngestForAsync(string tenant, IReadOnlyList<InteractionEvent> events)
    {
        if (events.Count > ContentGrainsNames.MaxEventsPerBatch)
            throw new ArgumentException($"a batch holds at most {ContentGrainsNames.MaxEventsPerBatch} events, got {events.Count}", nameof(events));

        var rejected = new List<Rejection>();
        var valid = new List<Interaction>(events.Count);
        var validIndex = new List<int>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var (interaction, problem) = validator.Validate(ToInput(events[i]));
            if (interaction is null) rejected.Add(new Rejection(i, problem!.Field, problem.Reason));
            else
            {
                valid.Add(TenantKeys.Qualify(tenant, interaction));
                validIndex.Add(i);
            }
        }

        using var admission = await dispatch.AdmitAsync(valid.Count, MaxAdmissionWait) ?? throw Overloaded(valid.Count);
        var sequences = await log.AppendAsync(valid);
        var fresh = new List<LoggedEventMessage>(valid.Count);
        var refused = 0;
        for (var i = 0; i < valid.Count; i++)
            if (sequences[i] > 0) fresh.Add(LoggedEventMessage.From(new LoggedInteraction(sequences[i], valid[i])));
            else if (sequences[i] == IEventLog.Refused)
            {
                rejected.Add(new Rejection(validIndex[i], "userId", TrackingWithdrawn));
                refused++;
            }
        if (refused > 0) rejected.Sort((a, b) => a.Index.CompareTo(b.Index));

        var duplicates = valid.Count - fresh.Count - refused;
        Count(valid, sequences, duplicates, rejected);
        var dispatched = duplicates > 0 ? [.. fresh, .. await RecentDuplicatesAsync(valid, sequences)] : fresh;
        var (unknownItems, pending) = await DispatchAsync(dispatched, admission);
        return new IngestResult(fresh.Count, duplicates, rejected, unknownItems, DispatchPending: pending);
    }

    /// <summary>The duplicates of this batch that the log received within <see cref="RedispatchDuplicatesWithin"/>, as logged.</summary>
    private async Task<IReadOnlyList<LoggedEventMessage>> RecentDuplicatesAsync(List<Interaction> valid, IReadOnlyList<long> sequences)
    {
        var ids = valid.Where((_, i) => sequences[i] == 0).Select(e => e.EventId).Distinct(StringComparer.Ordinal).ToList();
        try
        {
            var recent = await log.ReadRecentAsync(ids, DateTimeOffset.UtcNow - RedispatchDuplicatesWithin);
            return recent.Select(LoggedEventMessage.From).ToList();
        }
        catch (Exception error)
        {
            // The answer stands (the events are stored); a grain that missed them picks them up at its next activation.
            logger.LogWarning(error, "Reading back {Count} duplicate events to dispatch them again failed", ids.Count);
            return [];
        }
    }

    /// <summary>
    /// The events are in the log: whatever happens now, they are accepted. Events a grain could not take (its silo
    /// lost, its store down) are reported as pending and retried off the request path, instead of failing the whole
    /// answer, which made a client that totals what was accepted come up short (issue 9: 2,000 events in two batches).
    /// </summary>
    private async Task<(int UnknownItems, int? Pending)> DispatchAsync(List<LoggedEventMessage> fresh, DispatchAdmission admission)
    {
        try
        {
            var dispatched = dispatch.DispatchAsync(fresh, admission);
            if (await Task.WhenAny(dispatched, Task.Delay(MaxDispatchWait)) != dispatched)
            {
                // Calls to a silo that died without a word can hang until Orleans' response timeout (30 s), and this answer
                // must come before the caller's own call times out (it did: 503 for stored events). The dispatch goes on.
                _ = dispatched.ContinueWith(static t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                return (0, fresh.Count);
            }
            var answer = await dispatched;
            return (answer.UnknownItems, answer.Pending > 0 ? answer.Pending : null);
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Dispatching {Count} logged events to their grains failed; they are acknowledged, and retried in the background", fresh.Count);
            dispatch.RetryLater(fresh);
            return (0, fresh.Count);
        }
    }

    /// <summary>The refusal of a batch that found no room in the dispatch backlog: what waits, and that nothing was stored.</summary>
    private EngineOverloadedException Overloaded(int events)
    {
        var (admitted, waiting, capacity) = dispatch.Backlog;
        return new EngineOverloadedException(
            $"the engine is overloaded: {admitted:N0} logged events are still on their way to their grains on this silo and {waiting:N0} more wait " +
            $"(room for {capacity:N0}, ContentGrains:Engine:DispatchBacklog); this batch of {events:N0} events found no room within " +
            $"{MaxAdmissionWait.TotalSeconds:N0} s and nothing of it was stored: send it again after {OverloadRetryAfterSeconds} s",
            OverloadRetryAfterSeconds);
    }

    /// <summary>The reason an event of a person who withdrew consent to tracking is refused.</summary>
    public const string TrackingWithdrawn = "the person has withdrawn consent to tracking (PUT /v1/users/{userId}/consent): their events are not stored";

    /// <summary>Accepted events by type, so live CTR is clicks' rate over impressions' on /metrics; duplicates; rejections by field.</summary>
    private static void Count(List<Interaction> valid, IReadOnlyList<long> sequences, int duplicates, List<Rejection> rejected)
    {
        Span<int> acceptedByType = stackalloc int[byte.MaxValue + 1];
        for (var i = 0; i < valid.Count; i++)
            if (sequences[i] > 0) acceptedByType[(byte)valid[i].Type]++;
        for (var type = 0; type < acceptedByType.Length; type++)
            if (acceptedByType[type] > 0)
                EngineMetrics.EventsAccepted.Add(acceptedByType[type], new KeyValuePair<string, object?>("type", ((EventType)type).Name()));
        if (duplicates > 0) EngineMetrics.EventsDuplicate.Add(duplicates);
        foreach (var rejection in rejected) EngineMetrics.EventsRejected.Add(1, new KeyValuePair<string, object?>("field", rejection.Field));
    }

    private static EventInput ToInput(InteractionEvent e) =>
        new(e.EventId, e.UserId, e.ItemId, e.Type, e.Timestamp, e.Channel, e.DwellSeconds, e.Value, e.Text, e.Variant);
}
