using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace ContentGrains.Testing;

/// <summary>
/// Heavy ingestion while faults happen (silos killed, PostgreSQL stopped), by clients that behave as a careful client
/// should: a batch whose answer is lost (connection cut) or refused (503, 5xx) is sent again, with the same event ids,
/// to the next silo, until some silo answers 200. Then <see cref="VerifyAsync"/> checks the engine's word against the
/// log and the grains' counters. Every event is a click of one of <see cref="Items"/> items by one of
/// <see cref="Users"/> users, so each item's and each user's click count must equal its rows in the log.
/// </summary>
public sealed class IngestDrill(Func<IReadOnlyList<HttpClient>> silos, int clients = 4, int batchSize = 250)
{
    public const int Items = 40;
    public const int Users = 200;
    private readonly string run = "d" + Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentQueue<BatchOutcome> outcomes = new();
    private long retryPauses;

    public IReadOnlyCollection<BatchOutcome> Batches => outcomes;

    private string ItemId(int i) => $"{run}-item-{i}";
    private string UserId(int u) => $"{run}-user-{u}";

    /// <summary>Creates the drill's items (their metadata).</summary>
    public async Task PrepareAsync(HttpClient silo)
    {
        var items = Enumerable.Range(0, Items).Select(i => new { itemId = ItemId(i), title = $"Drill {i}", tags = new[] { $"topic{i % 5}" } });
        using var response = await silo.PostAsJsonAsync("/v1/items", items);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Sends batches from every client until <paramref name="stop"/>; a batch under way when it fires is finished.</summary>
    public Task RunAsync(CancellationToken stop) => Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientAsync(c, stop))));

    private async Task ClientAsync(int client, CancellationToken stop)
    {
        var random = new Random(client);
        for (var batch = 0; !stop.IsCancellationRequested; batch++)
        {
            var events = Enumerable.Range(0, batchSize).Select(i => new
            {
                eventId = $"{run}-{client}-{batch}-{i}", userId = UserId(random.Next(Users)), itemId = ItemId(random.Next(Items)),
                type = "click", timestamp = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O"), channel = "web",
            }).ToArray();
            outcomes.Enqueue(await SendUntilAnsweredAsync(events, client + batch));
        }
    }

    private async Task<BatchOutcome> SendUntilAnsweredAsync(object[] events, int firstSilo)
    {
        var outcome = new BatchOutcome(events.Length);
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var targets = silos();
            var silo = targets[(firstSilo + attempt) % targets.Count];
            try
            {
                using var response = await silo.PostAsJsonAsync("/v1/events", events);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var body = JsonNode.Parse(text)!;
                    outcome.Answered((int)body["accepted"]!, (int)body["duplicates"]!, (int?)body["dispatchPending"] ?? 0);
                    return outcome;
                }
                outcome.Refused((int)response.StatusCode, text.Length == 0, response.Headers.RetryAfter is not null);
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                outcome.LostAnswer();
            }
            Interlocked.Increment(ref retryPauses);
            await Task.Delay(200);
        }
        throw new TimeoutException("a batch found no silo to take it within 600 attempts");
    }

    /// <summary>
    /// Compares what the clients were told with the log and the grains' counters, once the grains have caught up
    /// (retried dispatches, replays after activation): polls the counters until they match or <paramref name="settleMs"/> passes.
    /// </summary>
    public async Task<DrillReport> VerifyAsync(string connection, HttpClient silo, int settleMs = 120_000)
    {
        var logged = await LoggedCountsAsync(connection, "item_id");
        var loggedUsers = await LoggedCountsAsync(connection, "user_id");
        var rows = logged.Values.Sum();
        var (doubled, missing) = (0L, 0L);
        var deadline = DateTime.UtcNow.AddMilliseconds(settleMs);
        do
        {
            (doubled, missing) = (0, 0);
            foreach (var (id, count) in logged.Concat(loggedUsers))
            {
                var counted = await CountedClicksAsync(silo, id);
                if (counted > count) doubled += counted - count;
                if (counted < count) missing += count - counted;
            }
            if (doubled == 0 && missing == 0) break;
            await Task.Delay(2_000);
        }
        while (DateTime.UtcNow < deadline);

        var sent = outcomes.Sum(o => (long)o.Size);
        return new DrillReport(
            Sent: sent, Logged: rows, Lost: sent - rows, AcknowledgedAccepted: outcomes.Sum(o => (long)o.Accepted),
            Duplicates: outcomes.Sum(o => (long)o.Duplicates), DispatchPending: outcomes.Sum(o => (long)o.Pending),
            Refusals503: outcomes.Sum(o => o.Refused503), RefusalsOther: outcomes.Sum(o => o.RefusedOther), RefusalsWithoutBody: outcomes.Sum(o => o.RefusedWithoutBody),
            RefusalsWithoutRetryAfter: outcomes.Sum(o => o.Refused503WithoutRetryAfter), LostAnswers: outcomes.Sum(o => o.LostAnswers),
            StoredButRefused: outcomes.Where(o => o.LostAnswers == 0 && o.Refused503 + o.RefusedOther > 0).Sum(o => (long)o.Duplicates),
            CountedTwice: doubled, CountedMissing: missing);
    }

    private async Task<Dictionary<string, long>> LoggedCountsAsync(string connection, string column)
    {
        await using var source = NpgsqlDataSource.Create(connection);
        await using var command = source.CreateCommand($"SELECT {column}, count(*) FROM cg_events WHERE event_id LIKE '{run}-%' GROUP BY {column}");
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    private async Task<long> CountedClicksAsync(HttpClient silo, string id)
    {
        var isItem = id.StartsWith($"{run}-item-", StringComparison.Ordinal);
        try
        {
            var body = JsonNode.Parse(await silo.GetStringAsync(isItem ? $"/v1/items/{id}" : $"/v1/users/{id}/profile"))!;
            return (long?)(isItem ? body["stats"]?["clicks"] : body["eventCounts"]?["click"]) ?? 0;
        }
        catch (HttpRequestException) { return -1; } // not answerable yet (a 503 while a lost silo's grains move): counts as missing
    }
}

/// <summary>What happened to one batch: each refusal or lost answer before the 200 that ended it.</summary>
public sealed class BatchOutcome(int size)
{
    public int Size { get; } = size;
    public int Accepted { get; private set; }
    public int Duplicates { get; private set; }
    public int Pending { get; private set; }
    public int Refused503 { get; private set; }
    public int Refused503WithoutRetryAfter { get; private set; }
    public int RefusedOther { get; private set; }
    public int RefusedWithoutBody { get; private set; }
    public int LostAnswers { get; private set; }

    public void Answered(int accepted, int duplicates, int pending) => (Accepted, Duplicates, Pending) = (accepted, duplicates, pending);

    public void Refused(int status, bool emptyBody, bool retryAfter)
    {
        if (status == 503) Refused503++; else RefusedOther++;
        if (status == 503 && !retryAfter) Refused503WithoutRetryAfter++;
        if (emptyBody) RefusedWithoutBody++;
    }

    public void LostAnswer() => LostAnswers++;
}

/// <summary>
/// The drill's findings. Lost: sent but not in the log. StoredButRefused: events the log held although every answer
/// before the last was a refusal (not a lost connection) — an untruthful refusal, unless the store's own commit answer
/// was lost (a PostgreSQL cut mid-commit). CountedTwice / CountedMissing: grain counters above / below the log.
/// </summary>
public sealed record DrillReport(
    long Sent, long Logged, long Lost, long AcknowledgedAccepted, long Duplicates, long DispatchPending,
    int Refusals503, int RefusalsOther, int RefusalsWithoutBody, int RefusalsWithoutRetryAfter, int LostAnswers,
    long StoredButRefused, long CountedTwice, long CountedMissing);
