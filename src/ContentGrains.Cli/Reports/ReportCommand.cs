using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContentGrains.Cli.CommandLine;

namespace ContentGrains.Cli.Reports;

/// <summary>
/// `contentgrains report`: against a running engine (--url) it starts a report (POST /v1/reports), waits for it and
/// writes its JSON (--out) and page (--html); on a data file (--data) it runs the same Core report offline
/// (<see cref="OfflineReport"/>). Exit codes: 0 written, 2 usage error or input refused, 3 engine unreachable or the
/// report failed, 5 the privacy budget refused it.
/// </summary>
public static class ReportCommand
{
    public static Command Create(CliIo io, HttpMessageHandler? handler = null) => CommandTree.Leaf("report",
        "A findings report: against a running engine (--url) it starts one, waits for it and writes its JSON and page; on a data file (--data) it runs the same report offline. " +
        "Exit codes: 0 written, 2 usage error or input refused, 3 engine unreachable or the report failed, 5 the privacy budget refused it.",
        [
            CommandTree.Value("url", "URL", "The engine, like http://127.0.0.1:5080 (or give --data)."),
            CommandTree.Value("data", "FILE", "A data file to report on offline (or give --url)."),
            CommandTree.Value("format", "recbole|mind|jsonl", "The data file's format (with --data)."),
            CommandTree.Value("segments", "USER_TAB_SEGMENT.tsv", "Offline: each person's segment."),
            CommandTree.Value("formats", "ITEM_TAB_FORMAT.tsv", "Offline: each item's format."),
            CommandTree.Value("epsilon", "E", "Differential privacy: the budget spent on this report (1e-6 to 100); none: exact."),
            CommandTree.Value("mechanism", "laplace|gaussian", "Differential privacy's noise."),
            CommandTree.Value("delta", "D", "The gaussian mechanism's delta."),
            CommandTree.Value("from", "TIME", "Engine: events from this ISO 8601 time or date."),
            CommandTree.Value("to", "TIME", "Engine: events until this ISO 8601 time or date."),
            CommandTree.Value("experiments", "ID,ID", "Engine: experiments whose arms to compare."),
            CommandTree.Value("min-impressions", "N", "Cells with fewer impressions are not reported."),
            CommandTree.Value("api-key", "KEY", "The engine's API key."),
            CommandTree.Value("out", "FILE.json", "Write the report (JSON) here."),
            CommandTree.Value("html", "FILE.html", "Write the report's page here."),
            CommandTree.Value("wait", "SECONDS", "Engine: how long to wait for the report, 1 to 86,400.", "600"),
        ],
        (values, _) => RunAsync(values, io.Output, io.Errors, handler));

    /// <summary>Runs `report` with the words after its name.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, HttpMessageHandler? handler = null) =>
        CommandTree.RunAsync(Create(new CliIo(output, errors), handler), args, new CliIo(output, errors));

    private static async Task<int> RunAsync(OptionValues options, TextWriter output, TextWriter errors, HttpMessageHandler? handler)
    {
        try
        {
            var spec = Spec(options);
            if (options.Text("data") is not null) return OfflineReport.Run(options, spec, output);
            return await EngineAsync(options, spec, output, errors, handler);
        }
        catch (ArgumentException bad) { return Fail(errors, 2, bad.Message); }
        catch (HttpRequestException unreachable) { return Fail(errors, 3, $"the engine could not be reached: {unreachable.Message}"); }
    }

    /// <summary>The request body from the options, with the API's field names.</summary>
    private static JsonObject Spec(OptionValues options)
    {
        var spec = new JsonObject();
        if (Real(options, "epsilon", 1e-6, 100) is { } epsilon) spec["epsilon"] = epsilon;
        if (options.Text("mechanism") is { } mechanism) spec["mechanism"] = mechanism;
        if (Real(options, "delta", 1e-15, 1) is { } delta) spec["delta"] = delta;
        if (Real(options, "min-impressions", 1, 1e7) is { } min) spec["minImpressions"] = (long)min;
        foreach (var name in new[] { "from", "to" })
            if (options.Text(name) is { } time)
                spec[name] = DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                    ? at.ToString("O", CultureInfo.InvariantCulture) : throw new ArgumentException($"--{name} must be an ISO 8601 time or date, got '{time}'");
        if (options.Text("experiments") is { } ids) spec["experiments"] = new JsonArray([.. ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(i => (JsonNode)i)]);
        return spec;
    }

    private static double? Real(OptionValues options, string name, double min, double max)
    {
        if (options.Text(name) is null) return null;
        var (value, error) = options.Real(name, 0, min, max);
        return error is null ? value : throw new ArgumentException(error);
    }

    private static async Task<int> EngineAsync(OptionValues options, JsonObject spec, TextWriter output, TextWriter errors, HttpMessageHandler? handler)
    {
        if (options.Text("url") is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var engine))
            return Fail(errors, 2, "--url must be the engine's absolute URL (or give --data for a data file)");
        var (wait, waitError) = options.Integer("wait", 600, 1, 86_400);
        if (waitError is not null) return Fail(errors, 2, waitError);
        using var http = new HttpClient(handler ?? new SocketsHttpHandler()) { BaseAddress = engine };
        if (options.Text("api-key") is { } key) http.DefaultRequestHeaders.Add("X-Api-Key", key);

        using var started = await http.PostAsJsonAsync("/v1/reports", spec);
        var body = await started.Content.ReadAsStringAsync();
        if ((int)started.StatusCode is 400 or 409) return Fail(errors, (int)started.StatusCode == 409 ? 5 : 2, Detail(body));
        if (!started.IsSuccessStatusCode) return Fail(errors, 3, $"POST /v1/reports answered {(int)started.StatusCode}: {Detail(body)}");
        var id = (string)JsonNode.Parse(body)!["report"]!["id"]!;
        var deadline = DateTimeOffset.UtcNow.AddSeconds(wait);
        while (true)
        {
            using var polled = await http.GetAsync($"/v1/reports/{id}");
            var text = await polled.Content.ReadAsStringAsync();
            if ((int)polled.StatusCode == 200) return await WriteAsync(http, id, text, options, output);
            if ((int)polled.StatusCode != 202) return Fail(errors, 3, $"report {id}: {Detail(text)}");
            if (DateTimeOffset.UtcNow > deadline) return Fail(errors, 3, $"report {id} did not finish within {wait} s (it keeps running; GET /v1/reports/{id})");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static async Task<int> WriteAsync(HttpClient http, string id, string json, OptionValues options, TextWriter output)
    {
        if (options.Text("out") is { } outPath) await File.WriteAllTextAsync(outPath, json);
        if (options.Text("html") is { } htmlPath) await File.WriteAllTextAsync(htmlPath, await http.GetStringAsync($"/reports/{id}"));
        var report = JsonNode.Parse(json)!;
        output.WriteLine($"report {id}: {report["findings"]!.AsArray().Count} findings, {report["performance"]!["cellsTotal"]} cells" +
            (report["privacy"] is { } p ? $", ε = {p["epsilon"]}" : ", exact") + (options.Text("out") is { } o ? $" -> {o}" : ""));
        foreach (var finding in report["findings"]!.AsArray().Take(10)) output.WriteLine("  " + (string)finding!["text"]!);
        return 0;
    }

    private static string Detail(string body)
    {
        try { return JsonNode.Parse(body)?["detail"]?.ToString() ?? body; }
        catch (JsonException) { return body; }
    }

    private static int Fail(TextWriter errors, int code, string message)
    {
        errors.WriteLine($"report: {message}");
        return code;
    }
}
