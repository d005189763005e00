using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContentGrains.Bench.Ingest;

public sealed record Check(string Name, bool Passed, string Detail);

/// <summary>One phase as the results file keeps it.</summary>
public sealed record PhaseReport(
    string Name, long Requests, long Events, long Accepted, long Duplicates, long Rejected, long UnknownItems, int FailedRequests,
    double WallSeconds, double EventsPerSecond, double AcceptedPerSecond, double EventsPerBatch,
    double LatencyP50Ms, double LatencyP90Ms, double LatencyP99Ms, double LatencyMaxMs, double LatencyMeanMs, CpuSample Cpu,
    List<ProgressSample> Progress, double? AllocatedBytes)
{
    /// <summary>Silo CPU time per event sent, in microseconds: hardly depends on the machine's load, unlike events/s.</summary>
    public double SiloMicrosecondsPerEvent => Events == 0 ? double.NaN : Math.Round(Cpu.SiloCores * WallSeconds / Events * 1e6, 1);

    /// <summary>Bytes the silo allocated per event sent (null when its /metrics did not carry the runtime's counter).</summary>
    public double? SiloAllocatedBytesPerEvent => Events == 0 || AllocatedBytes is null ? null : Math.Round(AllocatedBytes.Value / Events);

    /// <summary>The slowest full 5-second window of the phase (null when the phase was shorter than two windows).</summary>
    public double? WorstWindowEventsPerSecond => Progress.Count >= 2 ? Progress.Min(p => p.EventsPerSecond) : null;

    public static PhaseReport From(PhaseResult r) => new(
        r.Name, r.Outcomes.Count, r.Events, r.Accepted, r.Duplicates, r.Rejected, r.UnknownItems, r.Failed,
        Math.Round(r.Wall.TotalSeconds, 3), Math.Round(r.EventsPerSecond, 1), Math.Round(r.AcceptedPerSecond, 1),
        r.Outcomes.Count == 0 ? 0 : (double)r.Events / r.Outcomes.Count,
        Math.Round(r.LatencyPercentile(50), 2), Math.Round(r.LatencyPercentile(90), 2), Math.Round(r.LatencyPercentile(99), 2),
        Math.Round(r.LatencyMax, 2), Math.Round(r.LatencyMean, 2), r.Cpu, r.Progress, r.AllocatedBytes);
}

public sealed class RunReport
{
    [JsonIgnore] public BenchOptions Options { get; init; } = null!;
    public string Store => Options.Store;
    public DateTimeOffset StartedAt { get; init; }
    public string Machine => $"{Environment.MachineName}, {Environment.ProcessorCount} cores (nproc), {MemoryGb():0} GB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
    public int Cores => Environment.ProcessorCount;
    public string Runtime => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;
    public string SiloDll { get; init; } = "";
    /// <summary>The repository's commit when the run started, "+dirty" when src/ had uncommitted changes (what the silo was built from, if built just before).</summary>
    public string? Commit { get; init; }
    public object Settings => new
    {
        Options.Events, Options.Batch, Options.Concurrency, Options.Users, Options.Items, WarmupEvents = Options.WarmupEvents,
        Options.ZipfExponent, Options.Seed, Options.SiloArgs, Options.Label,
    };
    public Dictionary<string, string> StoreSettings { get; set; } = [];
    public double SiloStartSeconds { get; set; }
    public double ItemsSeconds { get; set; }
    /// <summary>How long after the item import the silo went idle (its text encoder done): waited out before the warm-up, so no phase pays for it.</summary>
    public double ItemsSettleSeconds { get; set; }
    /// <summary>Cores busy with anything but the silo and the bench just before the warm-up (other builds or tests skew the figures).</summary>
    public double BackgroundCoresAtStart { get; set; }
    public PhaseReport? Warmup { get; set; }
    public PhaseReport? Measured { get; set; }
    public List<Check> Checks { get; set; } = [];
    public List<PhaseReport>? Breakdown { get; set; }
    public double SiloWorkingSetMb { get; set; }
    public double SiloStopSeconds { get; set; }
    public double? StoreSizeMb { get; set; }
    public bool Passed => Checks.Count > 0 && Checks.All(c => c.Passed);

    /// <summary>What "durable" means for this run's store.</summary>
    public string Durability => Store == "postgres"
        ? $"fsync={StoreSettings.GetValueOrDefault("fsync", "?")}, synchronous_commit={StoreSettings.GetValueOrDefault("synchronous_commit", "?")}"
        : Options.SiloArgs.Any(a => a.Contains("SqliteFullSync=false", StringComparison.OrdinalIgnoreCase)) ? "synchronous=NORMAL" : "synchronous=FULL";

    private static double MemoryGb()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024 / 1024;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException) { return double.NaN; }
    }
}

public static class Reports
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Print(RunReport r)
    {
        var m = r.Measured!;
        var rows = new List<PhaseReport> { r.Warmup!, m };
        if (r.Breakdown is not null) rows.AddRange(r.Breakdown);
        Console.WriteLine();
        Console.WriteLine($"== ingest, store {r.Store} ({r.Durability}), {r.Cores} cores, batch {r.Options.Batch}, concurrency {r.Options.Concurrency} ==");
        Console.WriteLine($"{"phase",-11} {"requests",9} {"events",10} {"accepted",10} {"dup",8} {"rej",8} {"wall s",8} {"events/s",10} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"max ms",8} {"silo µs/ev",10} {"silo B/ev",9}  cpu cores silo/client/pg/other");
        foreach (var p in rows)
            Console.WriteLine($"{p.Name,-11} {p.Requests,9:N0} {p.Events,10:N0} {p.Accepted,10:N0} {p.Duplicates,8:N0} {p.Rejected,8:N0} {p.WallSeconds,8:0.00} {p.EventsPerSecond,10:N0} " +
                              $"{p.LatencyP50Ms,8:0.0} {p.LatencyP90Ms,8:0.0} {p.LatencyP99Ms,8:0.0} {p.LatencyMaxMs,8:0.0} {p.SiloMicrosecondsPerEvent,10:0.0} {p.SiloAllocatedBytesPerEvent,9:N0}  " +
                              $"{p.Cpu.SiloCores:0.00}/{p.Cpu.ClientCores:0.00}/{p.Cpu.PostgresCores:0.00}/{p.Cpu.OtherCores:0.00}");
        Console.WriteLine();
        Console.WriteLine($"durable events/s (measured): {m.AcceptedPerSecond:N0}   events per batch: {m.EventsPerBatch:0}   latency p50 {m.LatencyP50Ms:0.0} ms, p90 {m.LatencyP90Ms:0.0} ms, p99 {m.LatencyP99Ms:0.0} ms, max {m.LatencyMaxMs:0.0} ms");
        if (m.WorstWindowEventsPerSecond is { } worst)
            Console.WriteLine($"slowest 5 s of the measured phase: {worst:N0} events/s (stalls such as periodic snapshot flushes show here)");
        Console.WriteLine($"CPU (cores, measured phase): {m.Cpu}");
        Console.WriteLine($"  note: client and silo share the machine's {r.Cores} cores; the silo's events/s per silo core is {m.AcceptedPerSecond / Math.Max(0.01, m.Cpu.SiloCores):N0}.");
        Console.WriteLine($"silo: start {r.SiloStartSeconds:0.0} s, items {r.ItemsSeconds:0.0} s, stop {r.SiloStopSeconds:0.0} s, working set {r.SiloWorkingSetMb:0} MB" +
                          (r.StoreSizeMb is { } size ? $", data dir {size:0} MB" : ""));
        Console.WriteLine($"checks: {(r.Passed ? "all passed" : "FAILED")} ({r.Checks.Count(c => c.Passed)}/{r.Checks.Count})");
        // One line for scripts (bench/ingest-sweep.sh collects these).
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT store={r.Store} events={m.Events} batch={r.Options.Batch} concurrency={r.Options.Concurrency} events_per_s={m.AcceptedPerSecond:0} " +
            $"p50_ms={m.LatencyP50Ms:0.0} p90_ms={m.LatencyP90Ms:0.0} p99_ms={m.LatencyP99Ms:0.0} max_ms={m.LatencyMaxMs:0.0} silo_cores={m.Cpu.SiloCores:0.00} " +
            $"silo_us_per_event={m.SiloMicrosecondsPerEvent:0.0} silo_bytes_per_event={m.SiloAllocatedBytesPerEvent:0} client_cores={m.Cpu.ClientCores:0.00} pg_cores={m.Cpu.PostgresCores:0.00} other_cores={m.Cpu.OtherCores:0.00} passed={r.Passed.ToString().ToLowerInvariant()} " +
            $"label={(r.Options.Label ?? "").Replace(' ', '_')}"));
    }

    /// <summary>Writes ingest-&lt;store&gt;-b&lt;batch&gt;-c&lt;clients&gt;.json and replaces the row of this store, batch size and client count in ingest.md.</summary>
    public static (string Json, string Markdown) Write(RunReport r, string directory)
    {
        Directory.CreateDirectory(directory);
        var jsonPath = Path.Combine(directory, $"ingest-{r.Store}-b{r.Options.Batch}-c{r.Options.Concurrency}.json");
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(r, JsonOptions) + Environment.NewLine);

        var markdownPath = Path.Combine(directory, "ingest.md");
        var rows = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(markdownPath))
            foreach (var line in File.ReadLines(markdownPath))
            {
                var cells = line.Split('|', StringSplitOptions.TrimEntries);
                // Rows of the same layout only (16 columns): a row written by an older bench is dropped.
                if (cells.Length == 18 && cells[1] is "sqlite" or "postgres") rows[RowKey(cells[1], cells[6], cells[7])] = line;
            }
        var m = r.Measured!;
        var c = m.Cpu;
        rows[RowKey(r.Store, r.Options.Batch.ToString("N0", CultureInfo.InvariantCulture), r.Options.Concurrency.ToString(CultureInfo.InvariantCulture))] = string.Create(CultureInfo.InvariantCulture,
            $"| {r.Store} | {r.StartedAt:yyyy-MM-dd HH:mm} | {r.Commit ?? "?"} | {r.Cores} | {m.Events:N0} | {r.Options.Batch:N0} | {r.Options.Concurrency} | " +
            $"**{m.AcceptedPerSecond:N0}** | {(m.WorstWindowEventsPerSecond is { } w ? w.ToString("N0", CultureInfo.InvariantCulture) : "–")} | {m.LatencyP50Ms:0.0} | {m.LatencyP90Ms:0.0} | {m.LatencyP99Ms:0.0} | {m.LatencyMaxMs:0.0} | " +
            $"{c.SiloCores:0.00} / {c.ClientCores:0.00} / {c.PostgresCores:0.00} / {c.OtherCores:0.00} | {r.Durability} | {(r.Passed ? "pass" : "FAIL")} |");

        var text = new StringBuilder();
        text.AppendLine("# Ingestion benchmark");
        text.AppendLine();
        text.AppendLine("Written by `bench/ContentGrains.Bench.Ingest` (run both stores with `bench/ingest.sh`); one row per store, batch size and client count, the latest run.");
        text.AppendLine("Durable events/s = accepted events ÷ wall time of the measured phase (warm-up excluded); latency is per batch request.");
        text.AppendLine("Client and silo run on the same machine and share its cores (CPU column: cores used by silo / client / PostgreSQL / anything else).");
        text.AppendLine("Target: ≥ 20,000 durable events/s on the embedded default (sqlite). Details per run in `ingest-<store>-b<batch>-c<clients>.json`.");
        text.AppendLine("Grains also snapshot on a 2-minute timer whose first tick is spread out; \"slowest 5 s\" shows stalls in the measured phase.");
        text.AppendLine();
        text.AppendLine("| store | date | commit | cores | events | batch | concurrency | events/s | slowest 5 s | p50 ms | p90 ms | p99 ms | max ms | CPU silo / client / pg / other | durability | checks |");
        text.AppendLine("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |");
        foreach (var row in rows.Values) text.AppendLine(row);
        File.WriteAllText(markdownPath, text.ToString());
        return (jsonPath, markdownPath);
    }

    /// <summary>"store/batch/clients", numbers zero-padded so that 1,000 sorts before 5,000 and 10,000.</summary>
    private static string RowKey(string store, string batch, string concurrency) =>
        $"{store}/{batch.Replace(",", "").PadLeft(6, '0')}/{concurrency.PadLeft(3, '0')}";
}
