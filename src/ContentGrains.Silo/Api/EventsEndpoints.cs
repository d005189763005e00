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
        var (document, error) = await RequestJson.ParseArrayAsync(request, MaxBodyBytes, ContentGrainsNames.MaxEventsPerBatch, "events");
        if (error is not null) return error;
        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
                return Problems.BadRequest("body", "must be a JSON array of events");
            var count = root.GetArrayLength();

            var rejected = new List<Rejection>();
            var warnings = new List<Rejection>();
            var unknown = new List<string>();
            var readable = new List<InteractionEvent>(count);
            var originalIndex = new List<int>(count);
            var index = 0;
            foreach (var element in root.EnumerateArray())
            {
                unknown.Clear();
                var (input, problem) = EventJson.Read(element, unknown);
                if (unknown.Count > 0) warnings.AddRange(unknown.Select(name => UnknownFields.Warning(index, name, "an event", EventJson.FieldNames)));
                if (problem is not null) rejected.Add(new Rejection(index, problem.Field, problem.Reason));
                else
                {
                    readable.Add(ToWire(input!));
                    originalIndex.Add(index);
                }
                index++;
            }

            var result = await grains.Worker<IIngestGrain>().IngestForAsync(grains.Tenant, readable);
            rejected.AddRange(result.Rejected.Select(r => r with { Index = originalIndex[r.Index] }));
            return Results.Ok(result with { Rejected = rejected.OrderBy(r => r.Index).ToList(), Warnings = warnings.Count == 0 ? null : warnings });
        }
    }

    private static InteractionEvent ToWire(EventInput e) => new()
    {
        EventId = e.EventId, UserId = e.UserId, ItemId = e.ItemId, Type = e.Type, Timestamp = e.Timestamp,
        Channel = e.Channel, DwellSeconds = e.DwellSeconds, Value = e.Value, Text = e.Text, Variant = e.Variant,
    };
}
