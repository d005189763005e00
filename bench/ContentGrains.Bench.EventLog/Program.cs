using System.Diagnostics;
using ContentGrains.Core.Events;
using ContentGrains.Core.Log;
using ContentGrains.Storage;
using Npgsql;

// Appends synthetic batches straight to SqliteEventLog / PostgresEventLog with N concurrent callers, as the silo's
// ingest grains do, and times it: the ceiling the event log puts on ingestion, without HTTP or grains.
//   dotnet run -c Release --project bench/ContentGrains.Bench.EventLog -- [--store sqlite|postgres] [--events N] [--batch N]
//       [--concurrency N] [--full-sync true|false] [--postgres CONN] [--reads N]
//       [--cache-mb N] [--rows-per-statement N]   (sqlite experiments: a tuned copy of the commit, see ExperimentalSqliteLog)
var store = "sqlite";
int events = 200_000, batch = 1_000, concurrency = 4, reads = 2_000, cacheMb = 0, rowsPerStatement = 0;
var fullSync = true;
var postgres = Environment.GetEnvironmentVariable("CONTENTGRAINS_BENCH_PG");
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : "";
    switch (args[i])
    {
        case "--store": store = value; i++; break;
        case "--events": events = int.Parse(value); i++; break;
        case "--batch": batch = int.Parse(value); i++; break;
        case "--concurrency": concurrency = int.Parse(value); i++; break;
        case "--full-sync": fullSync = bool.Parse(value); i++; break;
        case "--postgres": postgres = value; i++; break;
        case "--reads": reads = int.Parse(value); i++; break;
        // Experiment knobs (sqlite): use ExperimentalSqliteLog with this page cache and rows per INSERT.
        case "--cache-mb": cacheMb = int.Parse(value); i++; break;
        case "--rows-per-statement": rowsPerStatement = int.Parse(value); i++; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

var work = Directory.CreateTempSubdirectory("cg-bench-log-");
string? database = null;
GroupCommitLog log;
NpgsqlDataSource? dataSource = null;
if (store == "postgres")
{
    if (string.IsNullOrEmpty(postgres)) { Console.Error.WriteLine("--postgres CONN or env CONTENTGRAINS_BENCH_PG needed"); return 2; }
    database = $"cg_bench_log_{DateTime.UtcNow:yyyyMMdd_HHmmss}";
    await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Pooling = false }.ConnectionString))
    {
        await admin.OpenAsync();
        await new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin).ExecuteNonQueryAsync();
    }
    var connection = new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;
    SchemaInstaller.ApplyPostgres(connection);
    dataSource = NpgsqlDataSource.Create(connection);
    log = new PostgresEventLog(dataSource);
}
else
{
    var connection = $"Data Source={Path.Combine(work.FullName, "contentgrains.db")};Pooling=True;Default Timeout=30";
    SchemaInstaller.ApplySqlite(connection);
    log = cacheMb > 0 || rowsPerStatement > 0
        ? new ContentGrains.Bench.EventLog.ExperimentalSqliteLog(connection, fullSync, cacheMb, Math.Max(1, rowsPerStatement))
        : new SqliteEventLog(connection, new SqliteWriteGate(), fullSync);
}

var random = new Random(42);
var now = DateTimeOffset.UtcNow;
var types = Enum.GetValues<EventType>();
List<Interaction> MakeBatch(string prefix, int n) => Enumerable.Range(0, n).Select(k => new Interaction(
    $"{prefix}-{k}", $"bench-user-{random.Next(10_000):D7}", $"bench-item-{(int)Math.Min(1999, Math.Exp(random.NextDouble() * Math.Log(2000))):D6}",
    types[random.Next(types.Length)], now.AddMilliseconds(-random.Next(86_400_000)), "web", 0, null, null)).ToList();
var batches = Enumerable.Range(0, (events + batch - 1) / batch).Select(b => MakeBatch($"e{b}", Math.Min(batch, events - b * batch))).ToList();
var warmup = Enumerable.Range(0, 8).Select(b => MakeBatch($"w{b}", batch)).ToList();
foreach (var w in warmup) await log.AppendAsync(w);

async Task<(double Seconds, double[] Latencies, long Stored)> Run(List<List<Interaction>> work)
{
    var latencies = new double[work.Count];
    long stored = 0;
    var next = -1;
    var wall = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
    {
        int b;
        while ((b = Interlocked.Increment(ref next)) < work.Count)
        {
            var watch = Stopwatch.StartNew();
            var sequences = await log.AppendAsync(work[b]);
            latencies[b] = watch.Elapsed.TotalMilliseconds;
            Interlocked.Add(ref stored, sequences.Count(s => s > 0));
        }
    })));
    return (wall.Elapsed.TotalSeconds, latencies.Order().ToArray(), stored);
}

static double P(double[] sorted, double p) => ContentGrains.Bench.Percentiles.OfSorted(sorted, p);

var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
var (seconds, lat, stored) = await Run(batches);
var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds / seconds;
Console.WriteLine($"{store}{(store == "sqlite" ? $" (synchronous={(fullSync ? "FULL" : "NORMAL")}{(cacheMb > 0 || rowsPerStatement > 0 ? $", experimental: cache {cacheMb} MB, {Math.Max(1, rowsPerStatement)} rows/INSERT" : "")})" : "")}: appended {stored:N0} new events in {seconds:0.00} s = {stored / seconds:N0} events/s; " +
                  $"batch {batch}, {concurrency} callers; per append p50 {P(lat, 50):0.0} ms p99 {P(lat, 99):0.0} ms; process CPU {cpu:0.00} cores");

var (dupSeconds, dupLat, dupStored) = await Run(batches.Take(Math.Max(1, 100_000 / batch)).ToList());
Console.WriteLine($"  same ids again (all duplicates): {batches.Take(Math.Max(1, 100_000 / batch)).Sum(b => b.Count) / dupSeconds:N0} events/s, p50 {P(dupLat, 50):0.0} ms, stored {dupStored}");

// Activation replay: a grain reads its user's events after its snapshot.
if (log is ContentGrains.Bench.EventLog.ExperimentalSqliteLog) reads = 0;
var readWatch = Stopwatch.StartNew();
for (var r = 0; r < reads; r++) await log.ReadUserAsync($"bench-user-{r % 10_000:D7}", 0);
if (reads > 0) Console.WriteLine($"  ReadUserAsync (activation replay, from 0): {readWatch.Elapsed.TotalMilliseconds * 1000 / reads:0} µs per call, one caller");

// What a user grain's activation reads besides its snapshot: consent and log tail as two reads on two connections (the
// consent store's, then the log's: before e6e0184) against one statement (ReadUserActivationAsync). Rounds alternate so
// both paths see the same load; process CPU per activation is what the silo pays, wall time what the activation waits.
if (reads > 0 && log is not ContentGrains.Bench.EventLog.ExperimentalSqliteLog)
{
    var consent = dataSource is null
        ? SqlPrivacyStore.Sqlite($"Data Source={Path.Combine(work.FullName, "contentgrains.db")};Pooling=True;Default Timeout=30", new SqliteWriteGate())
        : SqlPrivacyStore.Postgres(dataSource);
    async Task TwoReads(string user) { await consent.GetAsync(user); await log.ReadUserAsync(user, 0); }
    Task OneRead(string user) => log.ReadUserActivationAsync(user, 0);
    async Task<(double WallUs, double CpuUs)> Time(Func<string, Task> read, int round)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var r = 0; r < reads; r++) await read($"bench-user-{(round * reads + r) % 10_000:D7}");
        process.Refresh();
        return (watch.Elapsed.TotalMicroseconds / reads, (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / reads);
    }
    var rounds = new List<(string Path, double WallUs, double CpuUs)>();
    for (var round = 0; round < 6; round++)
    {
        var two = await Time(TwoReads, round);
        var one = await Time(OneRead, round);
        rounds.Add(("two reads", two.WallUs, two.CpuUs));
        rounds.Add(("one read", one.WallUs, one.CpuUs));
    }
    foreach (var path in rounds.GroupBy(r => r.Path))
    {
        var cpus = path.Select(r => r.CpuUs).Order().ToArray();
        var walls = path.Select(r => r.WallUs).Order().ToArray();
        Console.WriteLine($"  activation read, {path.Key}: process CPU median {P(cpus, 50):0} µs (range {cpus[0]:0}-{cpus[^1]:0}), wall median {P(walls, 50):0} µs per person; {rounds.Count / 2} rounds of {reads:N0} persons");
    }
}

await log.DisposeAsync();
if (dataSource is not null) await dataSource.DisposeAsync();
if (database is not null)
{
    NpgsqlConnection.ClearAllPools();
    await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Pooling = false }.ConnectionString);
    await admin.OpenAsync();
    await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
}
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
work.Delete(recursive: true);
return 0;
