using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ContentGrains.Bench.Ingest;

/// <summary>What one POST /v1/events answered.</summary>
public readonly record struct BatchOutcome(int Index, int Events, double LatencyMs, int Status, long Accepted, long Duplicates, long Rejected, long UnknownItems, string? Error);

/// <summary>Outcome of one phase: every batch's answer and the wall time from the first request to the last answer.</summary>
/// <param name="AllocatedBytes">What the silo allocated during the phase (from its /metrics), null when it was not readable.</param>
public sealed record PhaseResult(string Name, TimeSpan Wall, List<BatchOutcome> Outcomes, CpuSample Cpu, List<ProgressSample> Progress, double? AllocatedBytes)
{
    public long Events => Outcomes.Sum(o => (long)o.Events);
    public long Accepted => Outcomes.Sum(o => o.Accepted);
    public long Duplicates => Outcomes.Sum(o => o.Duplicates);
    public long Rejected => Outcomes.Sum(o => o.Rejected);
    public long UnknownItems => Outcomes.Sum(o => o.UnknownItems);
    public int Failed => Outcomes.Count(o => o.Status != 200);
    public double EventsPerSecond => Events / Wall.TotalSeconds;
    public double AcceptedPerSecond => Accepted / Wall.TotalSeconds;

    public double LatencyPercentile(double p) => Percentiles.Of(Outcomes.Select(o => o.LatencyMs), p);

    public double LatencyMax => Outcomes.Count == 0 ? double.NaN : Outcomes.Max(o => o.LatencyMs);
    public double LatencyMean => Outcomes.Count == 0 ? double.NaN : Outcomes.Average(o => o.LatencyMs);
}

/// <summary>Events answered in one 5-second window of a phase: shows stalls (e.g. periodic snapshot flushes) that an average hides.</summary>
public sealed record ProgressSample(double AtSeconds, long Events, double EventsPerSecond);

/// <summary>Posts prepared batches with N concurrent clients, each request one batch; prints progress every few seconds.</summary>
public sealed class LoadRunner(HttpClient http, Uri baseAddress, SiloProcess silo)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public async Task<PhaseResult> RunAsync(string name, IReadOnlyList<Batch> batches, int concurrency, bool progress, CancellationToken cancellation)
    {
        var outcomes = new BatchOutcome[batches.Count];
        var next = -1;
        long doneEvents = 0;
        var allocatedBefore = await SiloAllocations.ReadAsync(http, baseAddress, cancellation);
        var cpu = CpuSampler.Start(silo);
        var wall = Stopwatch.StartNew();

        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches.Count)
            {
                outcomes[i] = await PostAsync(batches[i], cancellation);
                Interlocked.Add(ref doneEvents, batches[i].Events);
            }
        }

        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker, cancellation)).ToList();
        var all = Task.WhenAll(workers);
        var samples = new List<ProgressSample>();
        long lastEvents = 0;
        var lastTime = TimeSpan.Zero;
        while (await Task.WhenAny(all, Task.Delay(5_000, cancellation)) != all)
        {
            var (events, time) = (Interlocked.Read(ref doneEvents), wall.Elapsed);
            var sample = new ProgressSample(Math.Round(time.TotalSeconds, 1), events, Math.Round((events - lastEvents) / (time - lastTime).TotalSeconds));
            samples.Add(sample);
            if (progress) Console.WriteLine($"  [{name}] {time.TotalSeconds,6:0.0} s  {events,10:N0} events  {sample.EventsPerSecond,10:N0} events/s (last 5 s)");
            (lastEvents, lastTime) = (events, time);
        }
        await all;
        wall.Stop();
        var used = cpu.Stop();
        var allocatedAfter = await SiloAllocations.ReadAsync(http, baseAddress, cancellation);
        return new PhaseResult(name, wall.Elapsed, [.. outcomes], used, samples, allocatedAfter - allocatedBefore);
    }

    public async Task<BatchOutcome> PostAsync(Batch batch, CancellationToken cancellation)
    {
        using var content = new ByteArrayContent(batch.Body);
        content.Headers.ContentType = Json;
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.PostAsync(new Uri(baseAddress, "v1/events"), content, cancellation);
            var body = await response.Content.ReadAsByteArrayAsync(cancellation);
            var latency = watch.Elapsed.TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
                return new(batch.Index, batch.Events, latency, (int)response.StatusCode, 0, 0, 0, 0, Snippet(body));
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            return new(batch.Index, batch.Events, latency, 200,
                root.GetProperty("accepted").GetInt64(), root.GetProperty("duplicates").GetInt64(),
                root.GetProperty("rejected").GetArrayLength(), root.TryGetProperty("unknownItems", out var u) ? u.GetInt64() : 0, null);
        }
        catch (HttpRequestException e)
        {
            return new(batch.Index, batch.Events, watch.Elapsed.TotalMilliseconds, 0, 0, 0, 0, 0, e.Message);
        }
    }

    private static string Snippet(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body);
        return text.Length <= 300 ? text : text[..300] + "…";
    }
}
