using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ContentGrains.Cli.Experiments;

/// <summary>What <see cref="IngestedLiftBench"/> runs: people per look, looks, the planted lift, the seed, and events of people outside the experiment ingested first (a large log the full pass reads again at every look).</summary>
public sealed record IngestedLiftSettings(string Id, int PeoplePerLook, int Looks, double Lift, long Seed, int Impressions = 8, int BackgroundEvents = 0);

/// <summary>
/// The planted-lift case through a running engine's ingestion, with no posted outcome: an experiment whose primary metric
/// is clicks measured from the event log. At each look a new cohort of people is assigned (which logs their exposure),
/// then their events are ingested: clicks in the two hours before exposure (at the person's own base rate: the CUPED
/// covariate the engine reads from the log) and after it (base rate × (1 + lift) in arm B). Results are read after every
/// look, as a team peeking daily would; the bench records the persons exposed when the sequential test first says "ship".
/// Timestamps are real time (exposure is the engine's clock), so the looks follow each other in minutes, not days.
/// The experiment also measures CTR (clicks / impressions, a ratio metric with the delta method). Each look reads the
/// results twice: as a dashboard would (incremental: only the events since the last read) and with a full pass over the
/// whole log (<c>?pass=full</c>), timing both and checking that they answer the same comparisons.
/// </summary>
public sealed class IngestedLiftBench(HttpClient http, IngestedLiftSettings settings, TextWriter progress)
{
    public sealed record Look(int Index, long Persons, string Verdict, string? Arm, double? RelativeLift, double? SequentialLow,
        double? CupedSequentialLow, double CupedVarianceReduction, long EventsCounted, long EventsBeforeExposure, double ResultsSeconds,
        Passes Passes, double? CtrRelativeLift, double? CtrSequentialLow);

    /// <summary>The look's two reads: the incremental one (events read and taken) and the full one, and whether they agree.</summary>
    public sealed record Passes(string IncrementalKind, long IncrementalEventsRead, long IncrementalEventsTaken, long HistoryEvents,
        double FullSeconds, long FullEventsRead, bool SameComparisons);

    public sealed record Outcome(string Experiment, double PlantedLift, long? PersonsAtShip, int? LookAtShip, IReadOnlyList<Look> Looks, long EventsIngested);

    public async Task<Outcome> RunAsync(CancellationToken cancellation = default)
    {
        await CreateAsync(cancellation);
        var random = new Random((int)settings.Seed);
        var looks = new List<Look>();
        long ingested = await BackgroundAsync(random, cancellation);
        for (var look = 0; look < settings.Looks; look++)
        {
            var people = Enumerable.Range(0, settings.PeoplePerLook).Select(i => $"{settings.Id}-l{look}-p{i}").ToList();
            var arms = new Dictionary<string, string>(StringComparer.Ordinal);
            await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellation }, async (person, token) =>
            {
                var arm = await AssignAsync(person, token);
                lock (arms) arms[person] = arm;
            });
            var events = Events(people, arms, random, DateTimeOffset.UtcNow.AddSeconds(1));
            foreach (var batch in events.Chunk(5_000)) await PostAsync("/v1/events", batch, cancellation);
            ingested += events.Count;
            var read = System.Diagnostics.Stopwatch.StartNew();
            var results = await GetAsync($"/v1/experiments/{settings.Id}/results", cancellation);
            var seconds = read.Elapsed.TotalSeconds;
            read.Restart();
            var full = await GetAsync($"/v1/experiments/{settings.Id}/results?pass=full", cancellation);
            looks.Add(ToLook(look + 1, results, seconds, ToPasses(results, full, read.Elapsed.TotalSeconds)));
            progress.WriteLine($"look {look + 1}: {looks[^1].Persons} persons, {looks[^1].Verdict}");
            if (looks[^1].Verdict == "ship") break;
        }
        var ship = looks.FirstOrDefault(l => l.Verdict == "ship");
        return new Outcome(settings.Id, settings.Lift, ship?.Persons, ship?.Index, looks, ingested);
    }

    /// <summary>Impressions (a third of them clicked) of people the experiment never exposes, spread over the last day.</summary>
    private async Task<long> BackgroundAsync(Random random, CancellationToken cancellation)
    {
        var now = DateTimeOffset.UtcNow;
        var events = new List<object>(settings.BackgroundEvents);
        for (var k = 0; events.Count < settings.BackgroundEvents; k++)
        {
            var (person, at) = ($"{settings.Id}-other{k % 5_000}", now.AddSeconds(-random.Next(86_400)));
            events.Add(Event($"{settings.Id}-bg{k}", person, $"item{k % 997}", k % 3 == 0 ? "click" : "impression", at));
        }
        foreach (var batch in events.Chunk(5_000)) await PostAsync("/v1/events", batch, cancellation);
        if (events.Count > 0) progress.WriteLine($"{events.Count} background events ingested");
        return events.Count;
    }

    /// <summary>Each person's clicks before exposure (covariate) and after it, at a base rate drawn per person.</summary>
    private List<object> Events(List<string> people, Dictionary<string, string> arms, Random random, DateTimeOffset exposedBy)
    {
        var events = new List<object>(people.Count * settings.Impressions * 3);
        foreach (var person in people)
        {
            var baseRate = 0.05 + 0.45 * random.NextDouble();
            var rate = arms[person] == "B" ? Math.Min(1, baseRate * (1 + settings.Lift)) : baseRate;
            for (var k = 0; k < settings.Impressions; k++)
            {
                var before = exposedBy.AddHours(-2).AddMinutes(k * 10);
                events.Add(Event($"{person}-pi{k}", person, $"old{k}", "impression", before));
                if (random.NextDouble() < baseRate) events.Add(Event($"{person}-pc{k}", person, $"old{k}", "click", before.AddSeconds(3)));
                var after = exposedBy.AddSeconds(5 + k * 20 + random.Next(10));
                events.Add(Event($"{person}-i{k}", person, $"new{k}", "impression", after));
                if (random.NextDouble() < rate) events.Add(Event($"{person}-c{k}", person, $"new{k}", "click", after.AddSeconds(2)));
            }
        }
        return events;
    }

    private static object Event(string id, string user, string item, string type, DateTimeOffset at) =>
        new { eventId = id, userId = user, itemId = item, type, timestamp = at.ToString("O"), channel = "web" };

    private async Task CreateAsync(CancellationToken cancellation)
    {
        await PostAsync("/v1/experiments", new
        {
            id = settings.Id,
            arms = new object[] { new { name = "A", weight = 1 }, new { name = "B", weight = 1 } },
            metrics = new object[]
            {
                new { name = "clicks", events = new { types = new[] { "click" } } },
                new { name = "ctr", ratio = new { numerator = new { types = new[] { "click" } }, denominator = new { types = new[] { "impression" } } } },
            },
            horizonPersons = (long)settings.PeoplePerLook * settings.Looks,
            preExposureDays = 1,
        }, cancellation);
        await PostAsync($"/v1/experiments/{settings.Id}/start", new { }, cancellation);
    }

    private async Task<string> AssignAsync(string person, CancellationToken cancellation) =>
        (string)(await PostAsync($"/v1/experiments/{settings.Id}/assign", new { userId = person }, cancellation))!["arm"]!;

    private async Task<JsonNode?> PostAsync(string path, object body, CancellationToken cancellation)
    {
        using var response = await http.PostAsJsonAsync(path, body, cancellation);
        var text = await response.Content.ReadAsStringAsync(cancellation);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"POST {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private async Task<JsonNode> GetAsync(string path, CancellationToken cancellation)
    {
        using var response = await http.GetAsync(path, cancellation);
        var text = await response.Content.ReadAsStringAsync(cancellation);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static Look ToLook(int index, JsonNode results, double seconds, Passes passes)
    {
        var clicks = Comparison(results, "clicks");
        var ctr = Comparison(results, "ctr");
        return new Look(index, (long)results["persons"]!, (string)results["decision"]!["verdict"]!, (string?)results["decision"]!["arm"],
            (double?)clicks?["relativeLift"], (double?)clicks?["sequential"]?["low"], (double?)clicks?["cupedSequential"]?["low"],
            (double?)clicks?["cupedVarianceReduction"] ?? 0, (long)results["measured"]!["eventsCounted"]!,
            (long)results["measured"]!["eventsBeforeExposure"]!, Math.Round(seconds, 3), passes,
            (double?)ctr?["relativeLift"], (double?)ctr?["sequential"]?["low"]);
    }

    private static JsonNode? Comparison(JsonNode results, string metric) =>
        results["comparisons"]!.AsArray().FirstOrDefault(c => (string?)c!["metric"] == metric);

    private static Passes ToPasses(JsonNode incremental, JsonNode full, double fullSeconds)
    {
        var pass = incremental["measured"]!["pass"]!;
        return new Passes((string)pass["kind"]!, (long)pass["eventsRead"]!, (long)pass["eventsTaken"]!, (long)pass["historyEvents"]!,
            Math.Round(fullSeconds, 3), (long)full["measured"]!["pass"]!["eventsRead"]!,
            incremental["comparisons"]!.ToJsonString() == full["comparisons"]!.ToJsonString());
    }
}
