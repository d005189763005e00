using System.CommandLine;
using System.Net;
using System.Text.Json.Nodes;
using ContentGrains.Cli.CommandLine;

namespace ContentGrains.Cli;

/// <summary>
/// `contentgrains train --url URL [--kind K] [--wait] [--api-key KEY]`: starts a training job through the HTTP API
/// and prints the job as JSON; with --wait, follows it until it finishes and prints the final state. Exit codes:
/// 0 started (or, with --wait, succeeded), 1 the job failed, was rejected by the gate or cancelled, 2 usage error,
/// 3 the engine refused or could not be reached, 4 a job was already running (printed).
/// </summary>
public static class TrainCommand
{
    public static Command Create(CliIo io, HttpMessageHandler? handler = null, TimeSpan? pollEvery = null) => CommandTree.Leaf("train",
        "Starts a training job on a running engine over HTTP and prints it as JSON; --wait follows it to the end. " +
        "Exit codes: 0 started (or succeeded), 1 failed, rejected or cancelled, 2 usage error, 3 engine unreachable.",
        [
            CommandTree.Value("url", "URL", "The engine, like http://127.0.0.1:5080. Required."),
            CommandTree.Value("kind", "KIND", "The model kind to train (ease, itemknn, pop, bpr, …); default the engine's configured kind."),
            CommandTree.Flag("wait", "Follow the job until it finishes and print its final state."),
            CommandTree.Value("api-key", "KEY", "The engine's API key (admin scope)."),
        ],
        (values, _) => RunAsync(values, io.Output, io.Errors, handler, pollEvery));

    /// <summary>Runs `train` with the words after its name.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, HttpMessageHandler? handler = null, TimeSpan? pollEvery = null) =>
        CommandTree.RunAsync(Create(new CliIo(output, errors), handler, pollEvery), args, new CliIo(output, errors));

    private static async Task<int> RunAsync(OptionValues values, TextWriter output, TextWriter errors, HttpMessageHandler? handler, TimeSpan? pollEvery)
    {
        var (url, kind, apiKey, wait) = (values.Text("url"), values.Text("kind"), values.Text("api-key"), values.Flag("wait"));
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
            // The job's own address, as the engine gave it: a click model's job lives in the click registry
            // (…/jobs/{id}?model=click), and the feed registry's route answers 404 for it.
            var jobUrl = response.Headers.Location?.ToString() ?? $"/v1/models/jobs/{job["id"]}";
            while ((bool?)job["isActive"] == true)
            {
                await Task.Delay(pollEvery ?? TimeSpan.FromSeconds(1));
                errors.WriteLine($"train: job {job["id"]} {job["status"]}, {job["phase"]}, {(double?)job["fraction"]:P0}");
                job = JsonNode.Parse(await http.GetStringAsync(jobUrl))!;
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
