using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContentGrains.Cli.CommandLine;

namespace ContentGrains.Cli.Experiments;

/// <summary>
/// `contentgrains experiment create|start|stop|results` against a running engine (HTTP), the offline
/// `contentgrains experiment simulate` and `ratio` benches, and the `ingested` bench through a running engine. Exit codes: 0 done, 2 usage error or the engine refused the input,
/// 3 the engine could not be reached or answered an error, 4 not found, 5 conflict (e.g. starting a running experiment).
/// </summary>
public static class ExperimentCommand
{
    public static Command Create(CliIo io, HttpMessageHandler? handler = null) => CommandTree.Group("experiment",
        "A/B experiments on a running engine (create, start, stop, results) and the offline experiment bench (simulate). " +
        "Exit codes: 0 done, 2 usage error or input refused, 3 engine unreachable or failing, 4 not found, 5 conflict.",
    [
        Http("create", "Creates an experiment from a spec file (arms and metrics).", io, handler,
            CommandTree.Value("spec", "SPEC.json", "A JSON object with the experiment's arms and metrics (its id is --id). Required.")),
        Http("start", "Starts the experiment.", io, handler),
        Http("stop", "Stops the experiment.", io, handler),
        Http("results", "Prints the experiment's results (JSON).", io, handler,
            CommandTree.Value("pass", "incremental|full", "How metrics measured from the log are brought up to date: only the new events (incremental) or the whole log again (full).", "incremental")),
        CommandTree.Leaf("simulate", "The offline experiment bench: seeded worlds with a planted lift; how often the engine's analysis finds it, and how often it finds one that is not there.",
        [
            CommandTree.Value("worlds", "N", "Simulated worlds, 1 to 1,000.", "10"),
            CommandTree.Value("salts", "N", "Assignment salts per world (A/A tests).", "100"),
            CommandTree.Value("users", "N", "People per world.", "4000"),
            CommandTree.Value("items", "N", "Items per world.", "100"),
            CommandTree.Value("pre-days", "N", "Days before the experiment (the CUPED covariate).", "7"),
            CommandTree.Value("days", "N", "Days the experiment runs.", "14"),
            CommandTree.Value("lift", "L", "The planted lift, 0 to 1.", "0.05"),
            CommandTree.Value("lift-trials", "N", "Trials with the planted lift.", "8"),
            CommandTree.Value("lift-users", "N", "People per lift trial.", "40000"),
            CommandTree.Value("seed", "N", "Random seed.", "1"),
            CommandTree.Value("parallel", "N", "Worlds at once, 1 to 256.", "2"),
            CommandTree.Value("out", "FILE", "Write the JSON result here too."),
        ], (values, _) => SimulateAsync(values, io.Output, io.Errors)),
        CommandTree.Leaf("ratio", "The offline ratio-metric bench: CTR (clicks / impressions per arm) with the delta method on generated people; " +
            "the false-positive rate of A/A tests (delta method and the naive binomial test) and the power against a planted CTR lift.",
        [
            CommandTree.Value("aa-tests", "N", "A/A tests, 1 to 100,000.", "1000"),
            CommandTree.Value("lift-trials", "N", "Trials with the planted lift, 0 to 100,000.", "200"),
            CommandTree.Value("persons", "N", "Persons per test (both arms), 20 to 10,000,000.", "2000"),
            CommandTree.Value("lift", "L", "The planted relative lift of arm B's click rates, 0 to 1.", "0.1"),
            CommandTree.Value("seed", "N", "Random seed.", "1"),
            CommandTree.Value("out", "FILE", "Write the JSON result here too."),
        ], (values, _) => RatioAsync(values, io.Output, io.Errors)),
        CommandTree.Leaf("ingested", "The planted-lift case through a running engine: people assigned look by look, their clicks " +
            "ingested as events (none posted as outcomes), results read after each look; records the persons exposed when the " +
            "sequential test first ships.",
        [
            CommandTree.Value("url", "URL", "The engine, like http://127.0.0.1:5080. Required."),
            CommandTree.Value("id", "ID", "The experiment's id (created and started here).", "ingested-lift"),
            CommandTree.Value("people", "N", "People assigned per look.", "500"),
            CommandTree.Value("looks", "N", "Looks at most (stops at the first ship).", "10"),
            CommandTree.Value("lift", "L", "The planted lift on each person's click rate in arm B, 0 to 1.", "0.1"),
            CommandTree.Value("seed", "N", "Random seed.", "1"),
            CommandTree.Value("background-events", "N", "Events of people outside the experiment ingested first: the log a full pass reads again at every look, 0 to 100,000,000.", "0"),
            CommandTree.Value("api-key", "KEY", "The engine's API key (ingest, read and admin)."),
            CommandTree.Value("out", "FILE", "Write the JSON result here too."),
        ], (values, cancel) => IngestedAsync(values, io.Output, io.Errors, handler, cancel)),
    ], io);

    /// <summary>Runs `experiment` with the words after its name.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, HttpMessageHandler? handler = null) =>
        CommandTree.RunAsync(Create(new CliIo(output, errors), handler), args, new CliIo(output, errors));

    private static Command Http(string verb, string description, CliIo io, HttpMessageHandler? handler, params Option[] extra) =>
        CommandTree.Leaf(verb, description,
        [
            CommandTree.Value("url", "URL", "The engine, like http://127.0.0.1:5080. Required."),
            CommandTree.Value("id", "ID", "The experiment's id. Required."),
            .. extra,
            CommandTree.Value("api-key", "KEY", "The engine's API key."),
            CommandTree.Value("out", "FILE", "Write the engine's answer here too."),
        ], (values, _) => HttpAsync(verb, values, io.Output, io.Errors, handler));

    private static async Task<int> HttpAsync(string verb, OptionValues options, TextWriter output, TextWriter errors, HttpMessageHandler? handler)
    {
        if (options.Text("url") is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var engine))
            return Fail(options, errors, $"experiment {verb}: --url must be the engine's absolute URL, e.g. http://localhost:8080");
        if (options.Text("id") is not { } id) return Fail(options, errors, $"experiment {verb}: --id is required");
        if (options.Text("pass") is { } passText && passText is not ("incremental" or "full"))
            return Fail(options, errors, $"experiment {verb}: --pass must be 'incremental' or 'full', got '{passText}'");
        using var http = new HttpClient(handler ?? new SocketsHttpHandler()) { BaseAddress = engine };
        if (options.Text("api-key") is { } key) http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var path = $"/v1/experiments/{Uri.EscapeDataString(id)}";
        try
        {
            using var response = verb switch
            {
                "create" => await CreateAsync(http, id, options.Text("spec")),
                "results" => await http.GetAsync(path + "/results" + (options.Text("pass") is { } pass ? $"?pass={Uri.EscapeDataString(pass)}" : "")),
                _ => await http.PostAsync($"{path}/{verb}", null),
            };
            return await ReportAsync(verb, response, options.Text("out"), output, errors);
        }
        catch (HttpRequestException failure)
        {
            errors.WriteLine($"experiment {verb}: cannot reach the engine at {engine}: {failure.Message}");
            return 3;
        }
        catch (SpecException bad)
        {
            return Fail(options, errors, $"experiment create: {bad.Message}");
        }
    }

    /// <summary>POSTs the spec file's JSON object with the id added.</summary>
    private static async Task<HttpResponseMessage> CreateAsync(HttpClient http, string id, string? specPath)
    {
        if (specPath is null) throw new SpecException("--spec is required (a JSON file with arms and metrics)");
        if (!File.Exists(specPath)) throw new SpecException($"--spec: no file {specPath}");
        JsonObject spec;
        try
        {
            spec = JsonNode.Parse(await File.ReadAllTextAsync(specPath)) as JsonObject ?? throw new SpecException("--spec must hold a JSON object");
        }
        catch (JsonException error)
        {
            throw new SpecException($"--spec is not valid JSON: {error.Message}");
        }
        spec["id"] = id;
        return await http.PostAsync("/v1/experiments", new StringContent(spec.ToJsonString(), Encoding.UTF8, "application/json"));
    }

    private static async Task<int> ReportAsync(string verb, HttpResponseMessage response, string? outPath, TextWriter output, TextWriter errors)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            errors.WriteLine($"experiment {verb}: the engine answered {(int)response.StatusCode}: {body}");
            return response.StatusCode switch
            {
                HttpStatusCode.BadRequest => 2,
                HttpStatusCode.NotFound => 4,
                HttpStatusCode.Conflict => 5,
                _ => 3,
            };
        }
        if (outPath is not null) await File.WriteAllTextAsync(outPath, body);
        output.WriteLine(body);
        return 0;
    }

    private static async Task<int> SimulateAsync(OptionValues options, TextWriter output, TextWriter errors)
    {
        var values = new[]
        {
            options.Integer("worlds", 10, 1, 1000), options.Integer("salts", 100, 1, 100_000), options.Integer("users", 4000, 10, 10_000_000),
            options.Integer("items", 100, 10, 1_000_000), options.Integer("pre-days", 7, 1, 365), options.Integer("days", 14, 1, 365),
            options.Integer("lift-trials", 8, 0, 1000), options.Integer("lift-users", 40_000, 10, 10_000_000), options.Integer("seed", 1, 0, long.MaxValue),
            options.Integer("parallel", 2, 1, 256),
        };
        if (values.FirstOrDefault(v => v.Error is not null).Error is { } bad) return Fail(options, errors, $"experiment simulate: {bad}");
        var liftText = options.Text("lift") ?? "0.05";
        if (!double.TryParse(liftText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var lift) || lift is < 0 or > 1)
            return Fail(options, errors, $"experiment simulate: --lift must be a number between 0 and 1, got '{liftText}'");
        var settings = new ExperimentBenchSettings((int)values[0].Value, (int)values[1].Value, (int)values[2].Value, (int)values[3].Value,
            (int)values[4].Value, (int)values[5].Value, lift, (int)values[6].Value, (int)values[7].Value, values[8].Value, (int)values[9].Value);
        var clock = Stopwatch.StartNew();
        var result = await new ExperimentBench(settings, errors).RunAsync();
        var json = JsonSerializer.Serialize(new { result, elapsedSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1) },
            new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
        if (options.Text("out") is { } outPath) await File.WriteAllTextAsync(outPath, json);
        output.WriteLine(json);
        return 0;
    }

    private static async Task<int> RatioAsync(OptionValues options, TextWriter output, TextWriter errors)
    {
        var (aa, trials, persons, seed, lift) = (options.Integer("aa-tests", 1000, 1, 100_000), options.Integer("lift-trials", 200, 0, 100_000),
            options.Integer("persons", 2000, 20, 10_000_000), options.Integer("seed", 1, 0, int.MaxValue), options.Real("lift", 0.1, 0, 1));
        if ((aa.Error ?? trials.Error ?? persons.Error ?? seed.Error ?? lift.Error) is { } bad) return Fail(options, errors, $"experiment ratio: {bad}");
        var clock = Stopwatch.StartNew();
        var result = new RatioMetricBench(new RatioMetricBenchSettings((int)aa.Value, (int)trials.Value, (int)persons.Value, lift.Value, seed.Value)).Run();
        var json = JsonSerializer.Serialize(new { result, elapsedSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1) },
            new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
        if (options.Text("out") is { } outPath) await File.WriteAllTextAsync(outPath, json);
        output.WriteLine(json);
        return 0;
    }

    private static async Task<int> IngestedAsync(OptionValues options, TextWriter output, TextWriter errors, HttpMessageHandler? handler, CancellationToken cancel)
    {
        if (options.Text("url") is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var engine))
            return Fail(options, errors, "experiment ingested: --url must be the engine's absolute URL, e.g. http://localhost:8080");
        var (people, looks, seed, lift) = (options.Integer("people", 500, 10, 1_000_000), options.Integer("looks", 10, 1, 1000),
            options.Integer("seed", 1, 0, int.MaxValue), options.Real("lift", 0.1, 0, 1));
        var background = options.Integer("background-events", 0, 0, 100_000_000);
        if ((people.Error ?? looks.Error ?? seed.Error ?? lift.Error ?? background.Error) is { } bad) return Fail(options, errors, $"experiment ingested: {bad}");
        using var http = new HttpClient(handler ?? new SocketsHttpHandler()) { BaseAddress = engine, Timeout = TimeSpan.FromMinutes(10) };
        if (options.Text("api-key") is { } key) http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var settings = new IngestedLiftSettings(options.Text("id", "ingested-lift"), (int)people.Value, (int)looks.Value, lift.Value, seed.Value,
            BackgroundEvents: (int)background.Value);
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await new IngestedLiftBench(http, settings, errors).RunAsync(cancel);
            var json = JsonSerializer.Serialize(new { result, elapsedSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1) },
                new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
            if (options.Text("out") is { } outPath) await File.WriteAllTextAsync(outPath, json, cancel);
            output.WriteLine(json);
            return 0;
        }
        catch (HttpRequestException failure)
        {
            errors.WriteLine($"experiment ingested: {failure.Message}");
            return 3;
        }
    }

    private static int Fail(OptionValues options, TextWriter errors, string message)
    {
        errors.WriteLine(message);
        options.WriteUsage(errors);
        return 2;
    }

    private sealed class SpecException(string message) : Exception(message);
}
