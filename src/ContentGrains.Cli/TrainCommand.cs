using System.Net;
using System.Text.Json.Nodes;

namespace ContentGrains.Cli;

/// <summary>
/// `contentgrains train --url URL [--kind K] [--wait] [--api-key KEY]`: starts a training job through the HTTP API
/// and prints the job as JSON; with --wait, follows it until it finishes and prints the final state. Exit codes:
/// 0 started (or, with --wait, succeeded), 1 the job failed, was rejected by the gate or cancelled, 2 usage error,
/// 3 the engine refused or could not be reached, 4 a job was already running (printed).
/// </summary>
public static class TrainCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, HttpMessageHandler? handler = null, TimeSpan? pollEvery = null)
    {
        string? url = null, kind = null, apiKey = null;
        var wait = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--url" when i + 1 < args.Count: url = args[++i]; break;
                case "--kind" when i + 1 < args.Count: kind = args[++i]; break;
                case "--api-key" when i + 1 < args.Count: apiKey = args[++i]; break;
                case "--wait": wait = true; break;
                default:
                    errors.WriteLine($"train: unknown or incomplete option '{args[i]}'; usage: train --url URL [--kind K] [--wait] [--api-key KEY]");
                    return 2;
            }
        }
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var engine))
        {
            errors.WriteLine("train: --url must be the engine's absolute URL, e.g. http://localhost:8080");
            return 2;
        }
        using var http = new HttpClient(handler ?? new SocketsHttpHandler()) { BaseAddress = engine };
        if (apiKey is not null) http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        try
        {
            var response = await http.PostAsync(kind is null ? "/v1/models/train" : $"/v1/models/train?kind={Uri.EscapeDataString(kind)}", null);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                output.WriteLine(body);
                errors.WriteLine("train: a training job is already running (printed); not starting another");
                return 4;
            }
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                errors.WriteLine($"train: the engine answered {(int)response.StatusCode}: {body}");
                return response.StatusCode == HttpStatusCode.BadRequest ? 2 : 3;
            }
            var job = JsonNode.Parse(body)!;
            if (!wait)
            {
                output.WriteLine(body);
                return 0;
            }
            while ((bool?)job["isActive"] == true)
            {
                await Task.Delay(pollEvery ?? TimeSpan.FromSeconds(1));
                errors.WriteLine($"train: job {job["id"]} {job["status"]}, {job["phase"]}, {(double?)job["fraction"]:P0}");
                job = JsonNode.Parse(await http.GetStringAsync($"/v1/models/jobs/{job["id"]}"))!;
            }
            output.WriteLine(job.ToJsonString());
            return (string?)job["status"] == "succeeded" ? 0 : 1;
        }
        catch (HttpRequestException error)
        {
            errors.WriteLine($"train: cannot reach the engine at {engine}: {error.Message}");
            return 3;
        }
    }
}
