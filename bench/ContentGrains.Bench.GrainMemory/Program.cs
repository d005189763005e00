using System.Diagnostics;
using System.Text.Json;
using ContentGrains.Bench.GrainMemory;
using ContentGrains.Core.Profiles;
using ContentGrains.Grains;

// Memory per user grain (bench/grain-memory.sh): see the project file for what it measures.
//   ContentGrains.Bench.GrainMemory --data FOLDER [--people N] [--last EVENTS] [--snapshot-seconds S] [--commit C] [--out FILE]
var arguments = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : "", StringComparer.Ordinal);
string Arg(string name, string fallback) => arguments.GetValueOrDefault(name, fallback);
if (!arguments.TryGetValue("data", out var data) || !Directory.Exists(data))
{
    Console.Error.WriteLine("--data FOLDER (a RecBole folder with *.inter and *.item) is required and must exist");
    return 2;
}
var people = int.Parse(Arg("people", "20000"), System.Globalization.CultureInfo.InvariantCulture);
var snapshotInterval = TimeSpan.FromSeconds(double.Parse(Arg("snapshot-seconds", "10"), System.Globalization.CultureInfo.InvariantCulture));
const int WarmUp = 500;
// --dump-pause-seconds S: pause S seconds at the baseline and again when idle, printing "dump now", so that a heap dump
// (dotnet-gcdump collect -p PID) of each can be diffed by type: the breakdown of an idle grain by object.
var dumpPause = TimeSpan.FromSeconds(double.Parse(Arg("dump-pause-seconds", "0"), System.Globalization.CultureInfo.InvariantCulture));
async Task PauseForDumpAsync(string moment)
{
    if (dumpPause <= TimeSpan.Zero) return;
    Console.WriteLine($"dump now: {moment} pid {Environment.ProcessId}");
    await Task.Delay(dumpPause);
}

var last = int.Parse(Arg("last", "0"), System.Globalization.CultureInfo.InvariantCulture);
var profiles = RatedProfiles.Load(data, last);
Console.WriteLine($"{profiles.People:N0} people in {data}, {profiles.EventsPerPerson:0.0} events each on average; {people:N0} grains");

// 1. The profiles alone (Core, no Orleans): what the grain's state costs.
// Each person's log sequences start at a multiple of this (more than anyone's events), so every event's is unique.
const long SequenceBlock = 1_000_000;
var updater = new ProfileUpdater(new EngineOptions().Profile);
var before = HeapProbe.LiveBytes();
var alone = new List<UserProfile>(people);
for (var i = 0; i < people; i++)
{
    var profile = new UserProfile();
    foreach (var e in profiles.EventsOf(i, $"p{i}", (i + 1) * SequenceBlock)) updater.Apply(profile, e.Event.ToInteraction(), e.ItemTags);
    alone.Add(profile);
}
var profileBytes = (HeapProbe.LiveBytes() - before) / (double)people;
GC.KeepAlive(alone);
alone = null;
Console.WriteLine($"profile alone: {profileBytes:N0} bytes");
var breakdown = ProfileParts.Measure(profiles, people, SequenceBlock);
Console.WriteLine($"state as the grain builds it: {breakdown.BytesBeforeCompact:N0} bytes, packed {breakdown.BytesPacked:N0} (profile {breakdown.PackedProfileBytes:N0}; "
    + $"pack {breakdown.PackMicroseconds} µs, unpack {breakdown.UnpackMicroseconds} µs), unpacked and compacted {breakdown.BytesAfterCompact:N0}; "
    + string.Join(", ", breakdown.Parts.Select(p => $"{p.Key} {p.Value:N0}")));

// 2. The same people as user grains on a silo.
await using var cluster = await MemoryCluster.StartAsync(snapshotInterval);
// The items first, as an import puts them: the catalog view then holds one string per item id, which profiles share.
await Parallel.ForEachAsync(profiles.ItemTags, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, _) =>
    await cluster.Grains.GetGrain<ContentGrains.Abstractions.IItemGrain>(item.Key).PutAsync(
        new ContentGrains.Abstractions.ItemMetadata { Title = $"item {item.Key}", Tags = item.Value, PublishedAt = DateTimeOffset.UnixEpoch }));
await cluster.TextVectorsDrainedAsync(TimeSpan.FromMinutes(10));
await ActivateAsync(0, WarmUp, "w"); // JIT, caches, pools: not counted
await Task.Delay(snapshotInterval * 2);
// Orleans' own share: as many activations that hold nothing, then as many that hold a small state written once.
var probeBaseline = HeapProbe.LiveBytes();
await Parallel.ForAsync(0, people, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) => await cluster.Grains.GetGrain<IEmptyProbeGrain>($"e{i}").TouchAsync());
var emptyGrains = HeapProbe.LiveBytes();
await Parallel.ForAsync(0, people, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) => await cluster.Grains.GetGrain<IStateProbeGrain>($"s{i}").TouchAsync());
var stateGrains = HeapProbe.LiveBytes();
var (bytesPerEmptyGrain, bytesPerStateGrain) = ((emptyGrains - probeBaseline) / (double)people, (stateGrains - emptyGrains) / (double)people);
Console.WriteLine($"Orleans' share: {bytesPerEmptyGrain:N0} bytes per empty activation, {bytesPerStateGrain:N0} per activation with a written persistent state");
// Nothing may be collected between the baseline and the idle reading but what the measured grains brought: the items
// (idle since their PUT, collected after ItemCollectionAge), the warm-up people and the probes go first, and the MiniLM
// session must have been released. The activation counts at both readings show it (allActivations).
await cluster.CollectAsync(TimeSpan.FromSeconds(1));
var encoderReleased = await cluster.EncoderReleasedAsync(TimeSpan.FromMinutes(3));
var activationsAtBaseline = await cluster.ActivationsAsync();
var baseline = HeapProbe.LiveBytes();
await PauseForDumpAsync("baseline");
var clock = Stopwatch.StartNew();
await ActivateAsync(0, people, "u");
var activationSeconds = clock.Elapsed.TotalSeconds;
var active = HeapProbe.LiveBytes();
var activeGrains = await cluster.ActiveUserGrainsAsync();
Console.WriteLine($"active: {activeGrains:N0} user grains, {(active - baseline) / (double)people:N0} bytes each ({activationSeconds:0.0} s to activate)");

// 3. Idle: every snapshot written (the timers fire within 1.5 intervals, then the writes drain).
var waited = Stopwatch.StartNew();
var rows = SnapshotRows.Users(cluster.Database);
while (rows.Rows < WarmUp + people && waited.Elapsed < TimeSpan.FromMinutes(5))
{
    await Task.Delay(1000);
    rows = SnapshotRows.Users(cluster.Database);
}
await Task.Delay(snapshotInterval); // the last timers release themselves after their write
var idle = HeapProbe.LiveBytes();
var idleGrains = await cluster.ActiveUserGrainsAsync();
var activationsWhenIdle = await cluster.ActivationsAsync();
await PauseForDumpAsync("idle");
Console.WriteLine($"idle: {idleGrains:N0} user grains, {(idle - baseline) / (double)people:N0} bytes each; {rows.Rows:N0} snapshots of {rows.MeanBytes:N0} bytes");

// 4. Collected: Orleans deactivates them; the heap should return to the baseline (nothing else holds them).
await cluster.CollectAsync(TimeSpan.FromSeconds(1));
var collectedGrains = await cluster.ActiveUserGrainsAsync();
var collected = HeapProbe.LiveBytes();
Console.WriteLine($"collected: {collectedGrains:N0} user grains left, {(collected - baseline) / (double)people:N0} bytes each remain");

var report = new
{
    benchmark = "memory per user grain: N user grains on one in-process silo (real grains, SQLite store), each fed one person's events; GC heap after full collections",
    commit = Arg("commit", "unknown"),
    machine = $"{Environment.ProcessorCount} cores; .NET {Environment.Version}; workstation GC; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}",
    data = data,
    people,
    eventsPerPerson = Math.Round(profiles.EventsPerPerson, 1),
    history = last > 0 ? $"each person's last {last} events" : "each person's every event",
    activationSeconds = Math.Round(activationSeconds, 1),
    bytesPerProfileAlone = Math.Round(profileBytes),
    stateAsTheGrainBuildsIt = new
    {
        bytesBeforeCompact = breakdown.BytesBeforeCompact,
        bytesPacked = breakdown.BytesPacked,
        packedProfileBytes = breakdown.PackedProfileBytes,
        packMicrosecondsPerProfile = breakdown.PackMicroseconds,
        unpackMicrosecondsPerProfile = breakdown.UnpackMicroseconds,
        bytesUnpackedAndCompacted = breakdown.BytesAfterCompact,
        partsUnpackedAndCompacted = breakdown.Parts.ToDictionary(p => p.Key, p => p.Value),
    },
    orleansShare = new
    {
        bytesPerEmptyActivation = Math.Round(bytesPerEmptyGrain),
        bytesPerActivationWithWrittenState = Math.Round(bytesPerStateGrain),
    },
    encoderReleasedBeforeBaseline = encoderReleased,
    allActivations = new { baseline = activationsAtBaseline, idle = activationsWhenIdle }, // idle - baseline = people: nothing else came or went
    bytesPerActiveGrain = Math.Round((active - baseline) / (double)people),
    bytesPerIdleGrain = Math.Round((idle - baseline) / (double)people),
    bytesPerGrainAfterCollection = Math.Round((collected - baseline) / (double)people),
    activeUserGrains = new { active = activeGrains, idle = idleGrains, afterCollection = collectedGrains },
    snapshot = new { rows = rows.Rows, meanBytes = Math.Round(rows.MeanBytes) },
    definitions = new
    {
        active = "just received all of the person's events: unsaved events, a snapshot timer armed",
        idle = "the same grains after their snapshot was written: no unsaved events, no timer; waiting for the collection age",
        profileAlone = "the UserProfile objects built from the same events by ProfileUpdater, without Orleans",
        stateAsTheGrainBuildsIt = "UserState built as the grain builds it (pooled channels and tags, one string per item id as the catalog view has), before and after UserState.Compact (what a grain holds once its snapshot is written: the profile packed into bytes), then unpacked and compacted as objects (what a grain serving calls holds); each part is the heap's drop when that part of every unpacked state is replaced by one shared instance; pack and unpack times are per profile, one thread",
        orleansShare = "N grains that hold nothing (empty activation), then N more that hold a small persistent state written once to the same SQLite store (each such activation's whole bytes)",
    },
    target = "idle user grain <= 4 KB (issue 9)",
};
var json = JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true });
if (arguments.TryGetValue("out", out var output)) File.WriteAllText(output, json);
Console.WriteLine(json);
return 0;

async Task ActivateAsync(int from, int count, string prefix)
{
    await Parallel.ForAsync(from, from + count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
    {
        var id = $"{prefix}{i}";
        var events = profiles.EventsOf(i, id, (prefix == "w" ? people + i + 1 : i + 1) * SequenceBlock);
        await cluster.Grains.GetGrain<IUserEventsGrain>(id).ApplyAsync(events);
    });
}
