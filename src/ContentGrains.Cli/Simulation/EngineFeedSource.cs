using System.Net.Http.Json;
using System.Text.Json;
using ContentGrains.Cli.Import;
using ContentGrains.Core.Simulation;

namespace ContentGrains.Cli.Simulation;

/// <summary>
/// The running engine as the simulated audience sees it: feeds from GET /v1/users/{id}/feed, events back through
/// POST /v1/events (the import's <see cref="HttpImportTarget"/>, with its retries), and the engine's answers counted,
/// so the report can say how many events it accepted.
/// </summary>
public sealed class EngineFeedSource(HttpClient http, HttpImportTarget target, string channel) : IFeedSource
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private long sent, accepted, duplicates, rejected;
    private string? firstRejection;

    public long Sent => Interlocked.Read(ref sent);
    public long Accepted => Interlocked.Read(ref accepted);
    public long Duplicates => Interlocked.Read(ref duplicates);
    public long Rejected => Interlocked.Read(ref rejected);
    public string? FirstRejection => firstRejection;

    private sealed record ShownVariantEntry(string VariantId);
    private sealed record FeedEntry(string ItemId, ShownVariantEntry? Variant);
    private sealed record FeedBody(List<FeedEntry>? Items, string? Model);

    public async Task<ShownFeed> GetFeedAsync(SimPerson person, PersonState state, SessionState session, DateTimeOffset at, int count, CancellationToken cancel)
    {
        // The visit's channel (a person of a planted group comes mostly through the group's), as its events carry it.
        using var response = await http.GetAsync($"v1/users/{person.Id}/feed?count={count}&channel={Uri.EscapeDataString(session.Channel ?? channel)}", cancel);
        if (!response.IsSuccessStatusCode)
            throw new TargetUnavailableException($"GET feed of {person.Id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancel)}");
        var body = await response.Content.ReadFromJsonAsync<FeedBody>(Json, cancel);
        var items = body?.Items ?? [];
        // The headline variant each slot shows (items under a headline test only), sent back on its impression and click.
        var variants = items.Any(i => i.Variant is not null) ? items.Select(i => i.Variant?.VariantId).ToList() : null;
        return new ShownFeed(items.Select(i => i.ItemId).ToList(), body?.Model ?? "", variants);
    }

    public async Task SendEventsAsync(IReadOnlyList<SimEvent> events, CancellationToken cancel)
    {
        var batch = events.Select(e => new ImportEvent(e.EventId, e.UserId, e.ItemId, e.Type, e.Timestamp, e.Channel, e.DwellSeconds, Variant: e.Variant)).ToList();
        var result = await target.SendEventsAsync(batch, cancel);
        Interlocked.Add(ref sent, batch.Count);
        Interlocked.Add(ref accepted, result.Accepted);
        Interlocked.Add(ref duplicates, result.Duplicates);
        Interlocked.Add(ref rejected, result.Rejected.Count);
        if (result.Rejected.Count > 0)
            Interlocked.CompareExchange(ref firstRejection, $"{result.Rejected[0].Field} {result.Rejected[0].Reason}", null);
    }
}
