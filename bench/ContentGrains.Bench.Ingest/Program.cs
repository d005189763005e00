using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ContentGrains.Bench.Ingest;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (BenchOptions.HelpRequested)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"error: {e.Message}{Environment.NewLine}{Environment.NewLine}{BenchOptions.Usage}");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => SiloProcess.KillAllStarted();

try
{
    return await new IngestBench(options).RunAsync(cancel.Token);
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("cancelled");
    return 130;
}
catch (BenchFailure e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

/// <summary>A run that cannot go on (silo missing, not ready, store unreachable).</summary>
public sealed class BenchFailure(string message) : Exception(message);

/// <summary>One run: start the silo on a fresh store, load items, warm up, measure, verify, report, clean up.</summary>
public sealed class IngestBench(BenchOptions options)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public async Task<int> RunAsync(CancellationToken cancellation)
    {
        var repo = RepoRoot.Find();
        var siloDll = Path.GetFullPath(options.SiloDll ?? Path.Combine(repo ?? ".", "src/ContentGrains.Silo/bin/Release/net10.0/ContentGrains.Silo.dll"));
        if (!File.Exists(siloDll))
            throw new BenchFailure($"no silo at {siloDll}; build it first: dotnet build src/ContentGrains.Silo -c Release (or pass --silo-dll)");
        var resultsDir = options.ResultsDir ?? Path.Combine(repo ?? ".", "bench", "results");

        Console.WriteLine($"ContentGrains ingestion bench: store {options.Store}, {options.Events:N0} events in batches of {options.Batch:N0}, " +
                          $"{options.Concurrency} clients, {options.Users:N0} users, {options.Items:N0} items, warm-up {options.WarmupEvents:N0} events");
        Console.WriteLine($"silo: {siloDll}");

        // Everything the clients send is built before the silo starts.
        var prepare = Stopwatch.StartNew();
        var workload = new Workload(options.Items, options.Users, options.ZipfExponent, options.Seed);
        var itemBodies = workload.ItemBodies(1_000);
        var warmup = workload.EventBatches("w", options.WarmupEvents, options.Batch);
        var measured = workload.EventBatches("m", options.Events, options.Batch);
        var rejectedPath = options.Breakdown ? workload.EventBatches("r", Math.Min(options.Events, 100_000), options.Batch, invalidType: true) : [];
        Console.WriteLine($"prepared {warmup.Count + measured.Count:N0} batches ({measured.Sum(b => (long)b.Body.Length) / 1e6:0.0} MB measured, " +
                          $"{measured.Average(b => b.Body.Length) / options.Batch:0} bytes/event) in {prepare.Elapsed.TotalSeconds:0.0} s; " +
                          $"top item gets {workload.TopItemShare:P1} of events");

        var work = Directory.CreateTempSubdirectory($"cg-bench-{options.Store}-");
        PostgresDatabase? database = null;
        SiloProcess? silo = null;
        var keepWork = options.KeepData;
        var report = new RunReport { Options = options, SiloDll = siloDll, StartedAt = DateTimeOffset.Now, Commit = RepoRoot.Commit(repo) };
        try
        {
            var storeArgs = new List<string>();
            if (options.IsPostgres)
            {
                database = await PostgresDatabase.CreateAsync(options.Postgres!, options.KeepData, cancellation);
                report.StoreSettings = database.Settings;
                Console.WriteLine($"postgres: database {database.Name} (server {database.Settings["server_version"]}, fsync={database.Settings["fsync"]}, " +
                                  $"synchronous_commit={database.Settings["synchronous_commit"]})");
                await ApplySchemaAsync(siloDll, database.ConnectionString, work.FullName, cancellation);
                storeArgs.AddRange(["--profile", "postgres", "--postgres", database.ConnectionString, "--advertised-ip", "127.0.0.1"]);
            }
            else
            {
                var dataDir = Path.Combine(work.FullName, "data");
                storeArgs.AddRange(["--profile", "local", "--data-dir", dataDir]);
                report.StoreSettings = new() { ["data_dir"] = dataDir, ["filesystem"] = FileSystemOf(work.FullName) };
                Console.WriteLine($"sqlite: {dataDir} ({report.StoreSettings["filesystem"]})");
            }
            storeArgs.AddRange(options.SiloArgs);

            using var http = new HttpClient(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = options.Concurrency + 4,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                AutomaticDecompression = DecompressionMethods.None,
            }) { Timeout = TimeSpan.FromMinutes(5) };

            var startWatch = Stopwatch.StartNew();
            silo = SiloProcess.Start(siloDll, storeArgs, work.FullName, Path.Combine(work.FullName, "silo.log"));
            await silo.WaitReadyAsync(http, TimeSpan.FromMinutes(2), cancellation);
            report.SiloStartSeconds = startWatch.Elapsed.TotalSeconds;
            Console.WriteLine($"silo pid {silo.Pid} ready at {silo.BaseAddress} in {report.SiloStartSeconds:0.0} s (log {silo.LogPath})");

            // Items first, so events find their metadata (no unknown items).
            var itemsWatch = Stopwatch.StartNew();
            foreach (var body in itemBodies) await PostItemsAsync(http, silo.BaseAddress, body, cancellation);
            report.ItemsSeconds = itemsWatch.Elapsed.TotalSeconds;
            Console.WriteLine($"items: {options.Items:N0} stored in {report.ItemsSeconds:0.0} s");
            report.ItemsSettleSeconds = Math.Round((await CpuSampler.WaitSiloIdleAsync(silo, 0.1, TimeSpan.FromMinutes(3), cancellation)).TotalSeconds, 1);
            Console.WriteLine($"silo idle {report.ItemsSettleSeconds:0.0} s after the item import (item text encoder done)");

            report.BackgroundCoresAtStart = Math.Round(await CpuSampler.BackgroundCoresAsync(silo, TimeSpan.FromSeconds(2), cancellation), 2);
            if (report.BackgroundCoresAtStart > 0.25)
                Console.WriteLine($"WARNING: {report.BackgroundCoresAtStart:0.00} cores busy with other work before the run (builds, tests?); figures will be low");

            var runner = new LoadRunner(http, silo.BaseAddress, silo);
            var warm = await runner.RunAsync("warm-up", warmup, options.Concurrency, progress: true, cancellation);
            report.Warmup = PhaseReport.From(warm);
            Console.WriteLine($"warm-up: {warm.Accepted:N0} events in {warm.Wall.TotalSeconds:0.0} s ({warm.AcceptedPerSecond:N0} events/s)");
            if (warm.Failed > 0) throw new BenchFailure($"{warm.Failed} warm-up requests failed: {warm.Outcomes.First(o => o.Status != 200).Error}");

            await using var trace = options.TraceFile is { } traceFile ? await SiloTrace.StartAsync(silo.Pid, traceFile, cancellation) : null;
            var run = await runner.RunAsync("measured", measured, options.Concurrency, progress: true, cancellation);
            report.Measured = PhaseReport.From(run);
            if (trace is not null) Console.WriteLine($"trace: {await trace.StopAsync()}");

            report.Checks = await VerifyAsync(http, silo.BaseAddress, runner, workload, measured, run, cancellation);

            if (options.Breakdown)
            {
                Console.WriteLine("breakdown: the same silo, other paths through the ingest code");
                var duplicates = await runner.RunAsync("duplicates", measured.Take(Math.Max(1, 100_000 / options.Batch)).ToList(), options.Concurrency, progress: false, cancellation);
                var rejected = await runner.RunAsync("rejected", rejectedPath, options.Concurrency, progress: false, cancellation);
                report.Breakdown = [PhaseReport.From(duplicates), PhaseReport.From(rejected)];
            }

            report.SiloWorkingSetMb = silo.WorkingSet / 1e6;
            var stopWatch = Stopwatch.StartNew();
            await silo.StopAsync(TimeSpan.FromSeconds(60));
            report.SiloStopSeconds = stopWatch.Elapsed.TotalSeconds;
            report.StoreSizeMb = options.IsPostgres ? null : DirectorySize(Path.Combine(work.FullName, "data")) / 1e6;
            if (database is not null)
            {
                // Counted after the silo stopped: a busy silo may hold every connection the server allows.
                var logged = await database.CountEventsAsync(cancellation);
                var expected = workload.SentToItemsTotal();
                var check = new Check("cg_events rows = events sent", logged == expected, $"{logged:N0} rows, {expected:N0} sent");
                report.Checks.Add(check);
                Console.WriteLine($"  check {(check.Passed ? "ok  " : "FAIL")} {check.Name}: {check.Detail}");
            }

            Reports.Print(report);
            if (options.WriteResults)
            {
                var (jsonPath, markdownPath) = Reports.Write(report, resultsDir);
                Console.WriteLine($"wrote {jsonPath} and {markdownPath}");
            }
            var failed = report.Checks.Where(c => !c.Passed).ToList();
            if (failed.Count > 0 || run.Failed > 0)
            {
                Console.Error.WriteLine($"FAILED: {run.Failed} failed requests; checks failed: {string.Join("; ", failed.Select(c => c.Name))}");
                Console.Error.WriteLine($"silo log kept: {silo.LogPath}");
                keepWork = true;
                return 1;
            }
            return 0;
        }
        catch (Exception e) when (silo is not null && e is not OperationCanceledException and not BenchFailure)
        {
            throw new BenchFailure($"{e.GetType().Name}: {e.Message}{Environment.NewLine}silo output:{Environment.NewLine}{silo.Tail()}");
        }
        finally
        {
            if (silo is not null) await silo.DisposeAsync();
            if (database is not null)
            {
                try { await database.DisposeAsync(); }
                catch (Exception e) { Console.Error.WriteLine($"warning: could not drop database {database.Name}: {e.Message}"); }
            }
            if (!keepWork)
            {
                try { work.Delete(recursive: true); }
                catch (IOException e) { Console.Error.WriteLine($"warning: could not delete {work.FullName}: {e.Message}"); }
            }
            else Console.WriteLine($"kept {work.FullName}");
        }
    }

    /// <summary>Duplicates are answered as such; accepted counts add up; sample items' counters equal what was sent to them.</summary>
    private static async Task<List<Check>> VerifyAsync(HttpClient http, Uri silo, LoadRunner runner, Workload workload,
        List<Batch> measured, PhaseResult run, CancellationToken cancellation)
    {
        var checks = new List<Check>();
        checks.Add(new Check("all requests answered 200", run.Failed == 0,
            run.Failed == 0 ? $"{run.Outcomes.Count} requests" : $"{run.Failed} failed, first: {run.Outcomes.First(o => o.Status != 200).Error}"));
        checks.Add(new Check("every measured event accepted", run.Accepted == run.Events && run.Rejected == 0 && run.UnknownItems == 0,
            $"accepted {run.Accepted:N0} of {run.Events:N0}, duplicates {run.Duplicates}, rejected {run.Rejected}, unknown items {run.UnknownItems}"));

        var again = await runner.PostAsync(measured[0], cancellation);
        checks.Add(new Check("re-posted batch is all duplicates", again.Status == 200 && again.Accepted == 0 && again.Duplicates == measured[0].Events,
            $"status {again.Status}, accepted {again.Accepted}, duplicates {again.Duplicates} of {measured[0].Events}"));

        var samples = new[] { 0, Math.Min(workload.ItemCount - 1, 10), workload.ItemCount / 2, workload.ItemCount - 1 }.Distinct();
        foreach (var item in samples)
        {
            var id = Workload.ItemId(item);
            using var response = await http.GetAsync(new Uri(silo, $"v1/items/{id}"), cancellation);
            var text = await response.Content.ReadAsStringAsync(cancellation);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                checks.Add(new Check($"counters of {id}", false, $"GET answered {(int)response.StatusCode}: {text}"));
                continue;
            }
            using var doc = JsonDocument.Parse(text);
            var stats = doc.RootElement.GetProperty("stats");
            var mismatches = new List<string>();
            long counted = 0;
            string[] counters = ["impressions", "views", "clicks", "likes", "shares", "comments", "dislikes", "conversions"];
            for (var t = 0; t < counters.Length; t++)
            {
                var got = stats.GetProperty(counters[t]).GetInt64();
                counted += got;
                if (got != workload.SentByItemAndType[item, t]) mismatches.Add($"{counters[t]} {got} != {workload.SentByItemAndType[item, t]}");
            }
            var dwell = stats.GetProperty("dwellSeconds").GetDouble();
            if (Math.Abs(dwell - workload.SentDwellByItem[item]) > 1e-6) mismatches.Add($"dwellSeconds {dwell} != {workload.SentDwellByItem[item]}");
            var dwellEvents = workload.SentByItemAndType[item, Workload.TypeNames.Length - 1];
            checks.Add(new Check($"counters of {id}", mismatches.Count == 0,
                mismatches.Count == 0
                    ? $"{counted:N0} counted + {dwellEvents:N0} dwell events = {workload.SentToItem(item):N0} sent (warm-up + measured), dwell {dwell:N0} s"
                    : string.Join(", ", mismatches)));
        }

        foreach (var c in checks) Console.WriteLine($"  check {(c.Passed ? "ok  " : "FAIL")} {c.Name}: {c.Detail}");
        return checks;
    }

    /// <summary>
    /// One item request; a 503 ("retry shortly": on a loaded machine the silo's 30 s call timeout can pass while it
    /// starts up) is retried up to 5 times, 2 s apart, since storing the same items again changes nothing.
    /// </summary>
    private static async Task PostItemsAsync(HttpClient http, Uri baseAddress, byte[] body, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = Json;
            using var response = await http.PostAsync(new Uri(baseAddress, "v1/items"), content, cancellation);
            var text = await response.Content.ReadAsStringAsync(cancellation);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 6)
            {
                Console.WriteLine($"POST /v1/items answered 503 (attempt {attempt}); retrying in 2 s");
                await Task.Delay(TimeSpan.FromSeconds(2), cancellation);
                continue;
            }
            if (response.StatusCode != HttpStatusCode.OK) throw new BenchFailure($"POST /v1/items answered {(int)response.StatusCode}: {text}");
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.GetProperty("rejected").GetArrayLength() > 0) throw new BenchFailure($"POST /v1/items rejected items: {text}");
            return;
        }
    }

    private static async Task ApplySchemaAsync(string siloDll, string connection, string workDir, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { siloDll, "schema", "apply", "--profile", "postgres", "--postgres", connection }) start.ArgumentList.Add(a);
        using var p = Process.Start(start) ?? throw new BenchFailure("could not start dotnet");
        var output = p.StandardOutput.ReadToEndAsync(cancellation);
        var error = p.StandardError.ReadToEndAsync(cancellation);
        await p.WaitForExitAsync(cancellation);
        if (p.ExitCode != 0) throw new BenchFailure($"schema apply exited with {p.ExitCode}: {await output}{await error}");
        Console.WriteLine($"schema: {(await output).Trim()}");
    }

    private static long DirectorySize(string path) =>
        Directory.Exists(path) ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;

    /// <summary>The filesystem type holding <paramref name="path"/> (fsync cost depends on it), from /proc/mounts.</summary>
    private static string FileSystemOf(string path)
    {
        try
        {
            var best = ("", "?");
            foreach (var line in File.ReadLines("/proc/mounts"))
            {
                var f = line.Split(' ');
                if (f.Length > 2 && path.StartsWith(f[1], StringComparison.Ordinal) && f[1].Length >= best.Item1.Length) best = (f[1], f[2]);
            }
            return $"{best.Item2} at {best.Item1}";
        }
        catch (IOException) { return "?"; }
    }
}

/// <summary>The repository root: the nearest folder up from here holding ContentGrains.sln.</summary>
public static class RepoRoot
{
    /// <summary>Short HEAD commit, with "+dirty" when src/ has uncommitted changes; null without git.</summary>
    public static string? Commit(string? repo)
    {
        if (repo is null) return null;
        static string? Git(string repo, params string[] args)
        {
            try
            {
                var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = repo };
                foreach (var a in args) start.ArgumentList.Add(a);
                using var p = Process.Start(start);
                if (p is null) return null;
                var output = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                return p.ExitCode == 0 ? output.Trim() : null;
            }
            catch (System.ComponentModel.Win32Exception) { return null; }
        }
        var head = Git(repo, "rev-parse", "--short", "HEAD");
        if (head is null) return null;
        return string.IsNullOrEmpty(Git(repo, "status", "--porcelain", "--", "src")) ? head : head + "+dirty";
    }

    public static string? Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ContentGrains.sln"))) return dir.FullName;
        return null;
    }
}
