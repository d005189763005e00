using System.Diagnostics;
using System.Text.Json;
using ContentGrains.Bench;
using ContentGrains.Testing;

// ContentGrains.Bench.Faults OUT.json COMMIT LOAD [KILLS=20] [PG_RESTARTS=3] [REBALANCE_SECONDS=120]
// Kills alternate between the two silos: SIGKILL, a pause, then the silo starts again (fresh ports, same name).
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: ContentGrains.Bench.Faults OUT.json COMMIT LOAD [KILLS] [PG_RESTARTS]");
    return 2;
}
var (output, commit, loadAtStart) = (args[0], args[1], args[2]);
var kills = args.Length > 3 ? int.Parse(args[3]) : 20;
var pgRestarts = args.Length > 4 ? int.Parse(args[4]) : 3;
var rebalanceSeconds = args.Length > 5 ? int.Parse(args[5]) : 120;
var clock = Stopwatch.StartNew();
void Say(string line) => Console.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F0} s] {line}");

await using var postgres = await OwnPostgresServer.StartAsync();
var apply = await SiloProcessCommand.RunAsync(["schema", "apply", "--profile", "postgres", "--postgres", postgres.ConnectionString]);
if (apply.ExitCode != 0) throw new InvalidOperationException(apply.Output);
var names = new[] { "fault-a", "fault-b" };
var silos = new SiloProcess?[2];
for (var i = 0; i < 2; i++) silos[i] = await SiloProcess.StartPostgresAsync(postgres.ConnectionString, names[i]);
IReadOnlyList<HttpClient> Alive() => silos.Where(s => s is { HasExited: false }).Select(s => s!.Http).ToList() is { Count: > 0 } alive ? alive : [silos.First(s => s is not null)!.Http];

var drill = new IngestDrill(Alive, clients: 4, batchSize: 250);
await drill.PrepareAsync(silos[0]!.Http);
using var stop = new CancellationTokenSource();
var traffic = drill.RunAsync(stop.Token);
var restartSeconds = new List<double>();

for (var k = 0; k < kills; k++)
{
    await Task.Delay(TimeSpan.FromSeconds(6));
    var victim = k % 2;
    await silos[victim]!.KillAsync();
    await silos[victim]!.DisposeAsync();
    silos[victim] = null;
    Say($"kill {k + 1}/{kills}: {names[victim]} (SIGKILL); {drill.Batches.Count} batches answered so far");
    await Task.Delay(TimeSpan.FromSeconds(4));
    var started = Stopwatch.StartNew();
    silos[victim] = await SiloProcess.StartPostgresAsync(postgres.ConnectionString, names[victim]);
    restartSeconds.Add(started.Elapsed.TotalSeconds);
}
// Item 5: does the silo restarted last get load back? Activations per silo, sampled while traffic goes on.
var rebalance = new List<object>();
for (var t = 0; t <= rebalanceSeconds; t += 15)
{
    var counts = await Task.WhenAll(silos.Select(s => SiloMetrics.ActivationsAsync(s!.Http)));
    rebalance.Add(new { secondsAfterLastRestart = t, activations = names.Zip(counts).ToDictionary(p => p.First, p => p.Second) });
    Say($"activations {string.Join(", ", names.Zip(counts).Select(p => $"{p.First} {p.Second}"))}");
    if (t < rebalanceSeconds) await Task.Delay(TimeSpan.FromSeconds(15));
}

for (var r = 0; r < pgRestarts; r++)
{
    await Task.Delay(TimeSpan.FromSeconds(6));
    await postgres.StopAsync();
    Say($"PostgreSQL stopped ({r + 1}/{pgRestarts})");
    await Task.Delay(TimeSpan.FromSeconds(10));
    await postgres.StartAgainAsync();
    Say("PostgreSQL started again");
}
await Task.Delay(TimeSpan.FromSeconds(10));
await stop.CancelAsync();
await traffic;
Say("traffic stopped; checking the log and the counters");
var report = await drill.VerifyAsync(postgres.ConnectionString, Alive()[0], settleMs: 300_000);
Say(report.ToString());

var result = new
{
    bench = "faults",
    commit,
    machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
    loadAverageAtStart = loadAtStart,
    loadAverageAtEnd = File.ReadAllText("/proc/loadavg").Split(' ')[0],
    setup = "two silo processes on one PostgreSQL server of the drill's own; 4 clients x 250-event batches, round-robin over the live silos; "
        + "a batch whose answer is lost or refused is sent again (same event ids) until a silo answers 200",
    kills,
    postgresRestarts = pgRestarts,
    activationsPerSiloAfterLastRestart = rebalance,
    seconds = Math.Round(clock.Elapsed.TotalSeconds),
    siloRestartSeconds = new { min = Math.Round(restartSeconds.DefaultIfEmpty().Min(), 1), max = Math.Round(restartSeconds.DefaultIfEmpty().Max(), 1) },
    report.Sent,
    report.Logged,
    lost = report.Lost,
    doubled = report.CountedTwice,
    countedMissing = report.CountedMissing,
    acknowledgedAccepted = report.AcknowledgedAccepted,
    duplicatesOnRetry = report.Duplicates,
    dispatchPending = report.DispatchPending,
    refusals503 = report.Refusals503,
    refusalsOther = report.RefusalsOther,
    refusalsWithoutBody = report.RefusalsWithoutBody,
    refusals503WithoutRetryAfter = report.RefusalsWithoutRetryAfter,
    lostAnswers = report.LostAnswers,
    storedButRefused = report.StoredButRefused,
    note = "lost: sent but not in the log; doubled / countedMissing: item and user click counters above / below the log; "
        + "storedButRefused: events in the log whose every earlier answer was a refusal (only a commit whose answer PostgreSQL cut may do that)",
};
File.WriteAllText(output, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }) + "\n");
foreach (var silo in silos) if (silo is not null) await silo.DisposeAsync();
return report.Lost == 0 && report.CountedTwice == 0 && report.CountedMissing == 0 ? 0 : 1;
