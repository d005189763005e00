using ContentGrains.Abstractions;
using ContentGrains.Core.Events;
using ContentGrains.Core.Log;
using Orleans.Concurrency;

namespace ContentGrains.Grains;

/// <summary>
/// Takes a batch of events on the silo that received it: validate, append to the log (the dedupe and the
/// durability point), then apply the new events to their item and user grains before answering, so the
/// very next feed of those users already reflects them. The log refuses the events of persons who withdrew consent to
/// tracking; they are answered as rejected, with the reason.
/// </summary>
// Reentrant: a worker holds no state, and while one batch waits on the log others can join the same group commit.
[StatelessWorker, Reentrant]
public sealed class IngestGrain(IEventLog log, EventValidator validator, DispatchQueue dispatch) : Grain, IIngestGrain
{
    public async Task<IngestResult> IngestAsync(IReadOnlyList<InteractionEvent> events)
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
                valid.Add(interaction);
                validIndex.Add(i);
            }
        }

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

        var unknownItems = await dispatch.DispatchAsync(fresh);
        var duplicates = valid.Count - fresh.Count - refused;
        Count(valid, sequences, duplicates, rejected);
        return new IngestResult(fresh.Count, duplicates, rejected, unknownItems);
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
