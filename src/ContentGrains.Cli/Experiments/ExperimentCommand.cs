using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContentGrains.Cli.Simulation;

namespace ContentGrains.Cli.Experiments;

/// <summary>
/// `contentgrains experiment create|start|stop|results` against a running engine (HTTP), and the offline
/// `contentgrains experiment simulate` bench. Exit codes: 0 done, 2 usage error or the engine refused the input,
/// 3 the engine could not be reached or answered an error, 4 not found, 5 conflict (e.g. starting a running experiment).
/// </summary>
public static class ExperimentCommand
{
    public const string Usage = """
        usage: contentgrains experiment create --url URL --id ID --spec SPEC.json [--api-key KEY]
               contentgrains experiment start|stop|results --url URL --id ID [--api-key KEY] [--out F]
               contentgrains experiment simulate [--worlds 10] [--salts 100] [--users 4000] [--items 100] [--pre-days 7] [--days 14]
                                                 [--lift 0.05] [--lift-trials 8] [--lift-users 40000] [--seed 1] [--parallel 2] [--out F]
        """;

    private static readonly string[] HttpOptions = ["url", "id", "spec", "api-key", "out"];

    private static readonly string[] SimulateOptions =
        ["worlds", "salts", "users", "items", "pre-days", "days", "lift", "lift-trials", "lift-users", "seed", "parallel", "out"];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, HttpMessageHandler? handler = null)
    {
        if (args.Count == 0) return Fail(errors, "experiment: missing subcommand");
        var rest = args.Skip(1).ToList();
        return args[0] switch
        {
            "simulate" => await SimulateAsync(rest, output, errors),
            "create" or "start" or "stop" or "results" => await HttpAsync(args[0], rest, output, errors, handler),
            _ => Fail(errors, $"experiment: unknown subcommand '{args[0]}'"),
        };
    }

    private static async Task<int> HttpAsync(string verb, IReadOnlyList<string> args, TextWriter output, TextWriter errors, HttpMessageHandler? handler)
    {
        var (options, error) = OptionValues.Parse(args, HttpOptions, []);
        if (options is null) return Fail(errors, $"experiment {verb}: {error}");
        if (options.Text("url") is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var engine))
            return Fail(errors, $"experiment {verb}: --url must be the engine's absolute URL, e.g. http://localhost:8080");
        if (options.Text("id") is not { } id) return Fail(errors, $"experiment {verb}: --id is required");
        using var http = new HttpClient(handler ?? new SocketsHttpHandler()) { BaseAddress = engine };
        if (options.Text("api-key") is { } key) http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var path = $"/v1/experiments/{Uri.EscapeDataString(id)}";
        try
        {
            using var response = verb switch
            {
                "create" => await CreateAsync(http, id, options.Text("spec")),
                "results" => await http.GetAsync(path + "/results"),
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
            return Fail(errors, $"experiment create: {bad.Message}");
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

    private static async Task<int> SimulateAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var (options, error) = OptionValues.Parse(args, SimulateOptions, []);
        if (options is null) return Fail(errors, $"experiment simulate: {error}");
        var values = new[]
        {
            options.Integer("worlds", 10, 1, 1000), options.Integer("salts", 100, 1, 100_000), options.Integer("users", 4000, 10, 10_000_000),
            options.Integer("items", 100, 10, 1_000_000), options.Integer("pre-days", 7, 1, 365), options.Integer("days", 14, 1, 365),
            options.Integer("lift-trials", 8, 0, 1000), options.Integer("lift-users", 40_000, 10, 10_000_000), options.Integer("seed", 1, 0, long.MaxValue),
            options.Integer("parallel", 2, 1, 256),
        };
        if (values.FirstOrDefault(v => v.Error is not null).Error is { } bad) return Fail(errors, $"experiment simulate: {bad}");
        var liftText = options.Text("lift") ?? "0.05";
        if (!double.TryParse(liftText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var lift) || lift is < 0 or > 1)
            return Fail(errors, $"experiment simulate: --lift must be a number between 0 and 1, got '{liftText}'");
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

    private static int Fail(TextWriter errors, string message)
    {
        errors.WriteLine(message);
        errors.WriteLine(Usage);
        return 2;
    }

    private sealed class SpecException(string message) : Exception(message);
}
