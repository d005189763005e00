using System.Text.Json;
using ContentGrains.Abstractions;
using ContentGrains.Core.Events;

namespace ContentGrains.Silo.Api;

/// <summary>POST /v1/events: a JSON array of up to 10,000 events.</summary>
public static class EventsEndpoints
{
    /// <summary>10,000 events with 4,000-character texts fit; anything larger is refused before parsing.</summary>
    public const long MaxBodyBytes = 64L * 1024 * 1024;

    public static void MapEvents(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/events", PostEvents)
            .WithName("PostEvents")
            .WithSummary("Record a batch of interaction events")
            .WithDescription("Each event is validated on its own; accepted events are durable when this answers. An event id seen before counts once.")
            .Accepts<InteractionEvent[]>("application/json")
            .Produces<IngestResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    private static async Task<IResult> PostEvents(HttpRequest request, TenantGrains grains)
    {
        // Counted while the body streams in: the 10,001st event ends the request before the rest is read or parsed.
        var (body, error) = await RequestJson.ReadArrayAsync(request, MaxBodyBytes, ContentGrainsNames.MaxEventsPerBatch, "events");
        if (error is not null) return error;
        EventBatch? batch;
        using (body) batch = ReadBatch(body!.WrittenSpan); // the events own their strings: the pooled bytes go back here
        if (batch is null) return Problems.BadRequest("body", "must be a JSON array of events");

        var result = await grains.Worker<IIngestGrain>().IngestForAsync(grains.Tenant, batch.Readable);
        var rejected = batch.Rejected;
        rejected.AddRange(result.Rejected.Select(r => r with { Index = batch.OriginalIndex[r.Index] }));
        return Results.Ok(result with { Rejected = rejected.OrderBy(r => r.Index).ToList(), Warnings = batch.Warnings.Count == 0 ? null : batch.Warnings });
    }

    /// <summary>The events of a batch read straight from the body's bytes; null when the body is not a JSON array.</summary>
    private static EventBatch? ReadBatch(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return null;
        var batch = new EventBatch();
        var unknown = new List<string>();
        for (var index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
        {
            unknown.Clear();
            var (input, problem) = EventJson.Read(ref reader, unknown);
            foreach (var name in unknown) batch.Warnings.Add(UnknownFields.Warning(index, name, "an event", EventJson.FieldNames));
            if (problem is not null) batch.Rejected.Add(new Rejection(index, problem.Field, problem.Reason));
            else
            {
                batch.Readable.Add(ToWire(input!));
                batch.OriginalIndex.Add(index);
            }
        }
        return batch;
    }

    /// <summary>What the body held: the readable events (with their index in the body), and what was refused or warned about.</summary>
    private sealed class EventBatch
    {
        public List<InteractionEvent> Readable { get; } = [];
        public List<int> OriginalIndex { get; } = [];
        public List<Rejection> Rejected { get; } = [];
        public List<Rejection> Warnings { get; } = [];
    }

    private static InteractionEvent ToWire(EventInput e) => new()
    {
        EventId = e.EventId, UserId = e.UserId, ItemId = e.ItemId, Type = e.Type, Timestamp = e.Timestamp,
        Channel = e.Channel, DwellSeconds = e.DwellSeconds, Value = e.Value, Text = e.Text, Variant = e.Variant,
    };
}
