using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContentGrains.Bench.Ingest;

namespace ContentGrains.Bench.Load;

/// <summary>
/// Durable ingestion in the running engine: the ingestion bench's synthetic traffic (its <see cref="Workload"/>, compiled
/// in from bench/ContentGrains.Bench.Ingest) on the engine's own catalog (items already there and their text already
/// encoded: new items would start the text encoder in the background and measure it too), a warm-up, then the measured
/// events in batches POSTed to /v1/events by concurrent clients, round-robin over the silos. An event counts once its
/// batch is answered 200: the API answers after the batch is in the event log.
/// </summary>
public sealed class IngestPhase(IReadOnlyList<SiloHandle> silos)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public async Task<JsonObject> RunAsync(IReadOnlyList<string> items, int users, int events, int batch, int clients, Action<string> say, CancellationToken cancellation)
    {
        var workload = new Workload(items.Count, users, zipfExponent: 1.0, seed: 42, items);
        var warmup = await PostAllAsync(workload.EventBatches("warmup", Math.Min(events, 2 * batch * clients), batch), clients, cancellation);
        say($"ingest warm-up: {warmup.Accepted:N0} events");
        var wall = Stopwatch.StartNew();
        var measured = await PostAllAsync(workload.EventBatches("measured", events, batch), clients, cancellation);
        var seconds = wall.Elapsed.TotalSeconds;
        say($"ingest: {measured.Accepted:N0} of {events:N0} events accepted in {seconds:0.0} s = {measured.Accepted / seconds:N0} events/s; {measured.Failed} batches failed");
        return new JsonObject
        {
            ["events"] = events, ["batch"] = batch, ["clients"] = clients, ["items"] = items.Count, ["users"] = users,
            ["seconds"] = Math.Round(seconds, 2),
            ["acceptedEvents"] = measured.Accepted,
            ["eventsPerSecond"] = Math.Round(measured.Accepted / seconds),
            ["failedBatches"] = measured.Failed,
            ["batchLatencyMs"] = new JsonObject
            {
                ["p50"] = Math.Round(Percentiles.Of(measured.LatenciesMs, 50), 1),
                ["p99"] = Math.Round(Percentiles.Of(measured.LatenciesMs, 99), 1),
            },
        };
    }

    private sealed record Tally(long Accepted, int Failed, List<double> LatenciesMs);

    private async Task<Tally> PostAllAsync(IReadOnlyList<Batch> batches, int clients, CancellationToken cancellation)
    {
        var next = -1;
        var accepted = 0L;
        var failed = 0;
        var latencies = new double[batches.Count];
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches.Count)
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    using var answer = JsonDocument.Parse(await PostAsync(silos[i % silos.Count].Http, "v1/events", batches[i].Body, cancellation));
                    Interlocked.Add(ref accepted, answer.RootElement.GetProperty("accepted").GetInt64());
                }
                catch (HttpRequestException) { Interlocked.Increment(ref failed); }
                latencies[i] = watch.Elapsed.TotalMilliseconds;
            }
        }, cancellation)));
        return new Tally(accepted, failed, [.. latencies]);
    }

    private static async Task<string> PostAsync(HttpClient http, string path, byte[] body, CancellationToken cancellation)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        using var response = await http.PostAsync(path, content, cancellation);
        var text = await response.Content.ReadAsStringAsync(cancellation);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"POST /{path} answered {(int)response.StatusCode}: {(text.Length > 300 ? text[..300] : text)}");
        return text;
    }
}
