using System.Diagnostics;
using System.Text.Json;
using ContentGrains.Core.Events;
using ContentGrains.Core.Log;
using ContentGrains.Core.Privacy;
using ContentGrains.Storage;
using Npgsql;
using static ContentGrains.Bench.Percentiles;

// Privacy's costs on one store, straight on the storage classes (no HTTP, no grains):
//   1. appends with an empty consent table, then with --consent-rows rows (a tenth of them withdrawing tracking for
//      persons in the traffic): the price of the consent check every commit makes;
//   2. an export's pages (1,000 events) of one person with --heavy events, then erasing that person;
//   3. retention: events spread over 60 days, everything older than 30 expired in batches of --expire-batch.
//   dotnet run -c Release --project bench/ContentGrains.Bench.Privacy -- --store sqlite|postgres [--postgres CONN]
//       [--events N] [--batch N] [--concurrency N] [--consent-rows N] [--heavy N] [--expire-batch N] --out FILE
var store = "sqlite";
int events = 200_000, batch = 1_000, concurrency = 4, consentRows = 100_000, heavy = 10_000, expireBatch = 10_000;
string? postgres = null, output = null;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : "";
    switch (args[i])
    {
        case "--store": store = value; i++; break;
        case "--postgres": postgres = value; i++; break;
        case "--events": events = int.Parse(value); i++; break;
        case "--batch": batch = int.Parse(value); i++; break;
        case "--concurrency": concurrency = int.Parse(value); i++; break;
        case "--consent-rows": consentRows = int.Parse(value); i++; break;
        case "--heavy": heavy = int.Parse(value); i++; break;
        case "--expire-batch": expireBatch = int.Parse(value); i++; break;
        case "--out": output = value; i++; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

var work = Directory.CreateTempSubdirectory("cg-bench-privacy-");
string? database = null;
GroupCommitLog log;
SqlPrivacyStore privacy;
NpgsqlDataSource? dataSource = null;
if (store == "postgres")
{
    if (string.IsNullOrEmpty(postgres)) { Console.Error.WriteLine("--postgres CONN is needed for --store postgres"); return 2; }
    database = $"cg_bench_privacy_{DateTime.UtcNow:yyyyMMdd_HHmmss}";
    await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Pooling = false, Database = "postgres" }.ConnectionString))
    {
        await admin.OpenAsync();
        await new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin).ExecuteNonQueryAsync();
    }
    var connection = new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;
    SchemaInstaller.ApplyPostgres(connection);
    dataSource = NpgsqlDataSource.Create(connection);
    log = new PostgresEventLog(dataSource);
    privacy = SqlPrivacyStore.Postgres(dataSource);
}
else
{
    var connection = $"Data Source={Path.Combine(work.FullName, "contentgrains.db")};Pooling=True;Default Timeout=30";
    SchemaInstaller.ApplySqlite(connection);
    var gate = new SqliteWriteGate();
    log = new SqliteEventLog(connection, gate);
    privacy = SqlPrivacyStore.Sqlite(connection, gate);
}
var erasure = (IEventErasure)log;

var random = new Random(42);
var now = DateTimeOffset.UtcNow;
var types = Enum.GetValues<EventType>();
// Event times spread over 60 days, so half of them are past a 30-day retention.
List<Interaction> MakeBatch(string prefix, int n) => Enumerable.Range(0, n).Select(k => new Interaction(
    $"{prefix}-{k}", $"bench-user-{random.Next(10_000):D7}", $"bench-item-{random.Next(2_000):D6}",
    types[random.Next(types.Length)], now.AddMilliseconds(-random.NextInt64(60L * 86_400_000)), "web", 0, null, null)).ToList();
List<List<Interaction>> MakeBatches(string prefix) =>
    Enumerable.Range(0, (events + batch - 1) / batch).Select(b => MakeBatch($"{prefix}{b}", Math.Min(batch, events - b * batch))).ToList();

async Task<object> AppendAll(List<List<Interaction>> work)
{
    var latencies = new double[work.Count];
    long stored = 0, refused = 0;
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
            Interlocked.Add(ref refused, sequences.Count(s => s == IEventLog.Refused));
        }
    })));
    var seconds = wall.Elapsed.TotalSeconds;
    Array.Sort(latencies);
    return new { events = work.Sum(w => w.Count), stored, refused, seconds = Math.Round(seconds, 2), eventsPerSecond = Math.Round((stored + refused) / seconds),
        appendP50Ms = Math.Round(OfSorted(latencies, 50), 1), appendP99Ms = Math.Round(OfSorted(latencies, 99), 1) };
}

foreach (var w in Enumerable.Range(0, 8).Select(b => MakeBatch($"w{b}", batch))) await log.AppendAsync(w); // warm-up
var withoutConsent = await AppendAll(MakeBatches("a"));
Console.WriteLine($"appends, empty consent table: {JsonSerializer.Serialize(withoutConsent)}");

var consentWatch = Stopwatch.StartNew();
for (var c = 0; c < consentRows; c++)
{
    // A tenth withdraw tracking; of those, the first thousand are persons in the traffic (bench-user-0000000…0000999).
    var tracking = c % 10 != 0;
    var user = !tracking && c / 10 < 1_000 ? $"bench-user-{c / 10:D7}" : $"consenting-{c:D7}";
    await privacy.PutAsync(user, new Consent(Personalisation: c % 3 != 0, Tracking: tracking, now));
}
var consentSeconds = consentWatch.Elapsed.TotalSeconds;
var withConsent = await AppendAll(MakeBatches("b"));
Console.WriteLine($"appends, {consentRows:N0} consent rows: {JsonSerializer.Serialize(withConsent)}");

// One person with a long history: read it as an export does, then erase it.
const string Heavy = "heavy-person";
for (var h = 0; h < heavy; h += batch)
    await log.AppendAsync(Enumerable.Range(h, Math.Min(batch, heavy - h)).Select(k =>
        new Interaction($"heavy-{k}", Heavy, $"bench-item-{k % 2_000:D6}", EventType.View, now.AddMinutes(-k), "web", 0, null, null)).ToList());
var pages = new List<double>();
long exported = 0, after = 0;
var exportWatch = Stopwatch.StartNew();
while (true)
{
    var pageWatch = Stopwatch.StartNew();
    var page = await erasure.ReadUserPageAsync(Heavy, after, 1_000);
    pages.Add(pageWatch.Elapsed.TotalMilliseconds);
    exported += page.Count;
    if (page.Count < 1_000) break;
    after = page[^1].Sequence;
}
var exportSeconds = exportWatch.Elapsed.TotalSeconds;
var eraseWatch = Stopwatch.StartNew();
var erased = await erasure.EraseUserAsync(Heavy);
var eraseSeconds = eraseWatch.Elapsed.TotalSeconds;
pages.Sort();
var export = new { events = exported, seconds = Math.Round(exportSeconds, 3), pageP50Ms = Math.Round(OfSorted(pages, 50), 2), pageMaxMs = Math.Round(pages[^1], 2) };
var erase = new { events = erased, seconds = Math.Round(eraseSeconds, 3) };
Console.WriteLine($"export of {exported:N0} events: {JsonSerializer.Serialize(export)}; erase: {JsonSerializer.Serialize(erase)}");

// Retention: everything older than 30 days, in bounded batches (the first call also builds the event-time index).
var inLog = await log.CountAsync();
var batchTimes = new List<double>();
long expired = 0;
var expireWatch = Stopwatch.StartNew();
int last;
do
{
    var one = Stopwatch.StartNew();
    last = await erasure.ExpireBeforeAsync(now.AddDays(-30), expireBatch);
    batchTimes.Add(one.Elapsed.TotalMilliseconds);
    expired += last;
} while (last == expireBatch);
var expireSeconds = expireWatch.Elapsed.TotalSeconds;
var indexMs = batchTimes[0];
var steady = batchTimes.Skip(1).Order().ToArray();
var retention = new { eventsInLog = inLog, expired, batches = batchTimes.Count, batchSize = expireBatch, seconds = Math.Round(expireSeconds, 2),
    eventsPerSecond = Math.Round(expired / expireSeconds), firstBatchWithIndexBuildMs = Math.Round(indexMs), batchP50Ms = steady.Length == 0 ? 0 : Math.Round(OfSorted(steady, 50), 1),
    batchMaxMs = steady.Length == 0 ? 0 : Math.Round(steady[^1], 1) };
Console.WriteLine($"retention: {JsonSerializer.Serialize(retention)}");

if (output is not null)
    await File.WriteAllTextAsync(output, JsonSerializer.Serialize(new
    {
        store, batch, concurrency,
        appendsEmptyConsent = withoutConsent,
        consentRows, consentRowsWriteSeconds = Math.Round(consentSeconds, 2),
        appendsWithConsent = withConsent,
        export, erase, retention,
        commit = Environment.GetEnvironmentVariable("BENCH_COMMIT"),
        machine = Environment.GetEnvironmentVariable("BENCH_MACHINE"),
    }, new JsonSerializerOptions { WriteIndented = true }));

await log.DisposeAsync();
if (dataSource is not null) await dataSource.DisposeAsync();
if (database is not null)
{
    NpgsqlConnection.ClearAllPools();
    await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Pooling = false, Database = "postgres" }.ConnectionString);
    await admin.OpenAsync();
    await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
}
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
work.Delete(recursive: true);
return 0;
