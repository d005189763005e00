using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContentGrains.Cli.Import;

namespace ContentGrains.Cli.Simulation;

/// <summary>
/// POST /v1/models/train between simulated days. The engine answers 200 with the new version when it trains in the
/// call, or 202 with a job (its id in the body as "jobId"/"id", or in the Location header) when it trains in the
/// background; then GET /v1/models/jobs/{id} is polled until the job reaches a final status.
/// </summary>
public sealed class EngineTrainer(HttpClient http, TimeSpan? pollEvery = null, TimeSpan? giveUpAfter = null)
{
    private static readonly string[] FinalStatuses = ["succeeded", "completed", "done", "finished", "failed", "cancelled", "canceled", "rejected"];

    /// <summary>The click model's registry (<c>?model=click</c>).</summary>
    public const string ClickModel = "click";

    /// <summary>A one-line account of the training: the version and kind, or the job's final status.</summary>
    /// <param name="model">The registry to train (null: the feed model's).</param>
    /// <param name="kind">The kind to train (null: the registry's configured kind), e.g. "embedding".</param>
    public async Task<string> TrainAsync(CancellationToken cancel, string? model = null, string? kind = null)
    {
        var query = model is null ? "" : $"?model={Uri.EscapeDataString(model)}";
        // The kind goes on the train call only: a job is found by its registry alone.
        var train = kind is null ? query : query + (query.Length == 0 ? "?" : "&") + $"kind={Uri.EscapeDataString(kind)}";
        using var response = await http.PostAsync("v1/models/train" + train, content: null, cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);
        if (response.StatusCode == HttpStatusCode.Accepted) return await PollAsync(JobId(response, text), query, cancel);
        if (!response.IsSuccessStatusCode) throw new TargetUnavailableException($"POST /v1/models/train answered {(int)response.StatusCode}: {text}");
        return Describe(text);
    }

    private static string JobId(HttpResponseMessage response, string text)
    {
        var body = TryParse(text);
        var id = body?["jobId"]?.ToString() ?? body?["id"]?.ToString() ?? response.Headers.Location?.ToString().Split('?')[0].TrimEnd('/').Split('/')[^1];
        return id ?? throw new TargetUnavailableException($"POST /v1/models/train answered 202 without a job id: {text}");
    }

    private async Task<string> PollAsync(string job, string query, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow + (giveUpAfter ?? TimeSpan.FromMinutes(30));
        while (DateTime.UtcNow < deadline)
        {
            var text = await http.GetStringAsync($"v1/models/jobs/{Uri.EscapeDataString(job)}{query}", cancel);
            var body = TryParse(text);
            var status = (body?["status"] ?? body?["state"])?.ToString().ToLowerInvariant() ?? "";
            if (FinalStatuses.Contains(status)) return $"job {job} {status}: {Describe(text)}";
            await Task.Delay(pollEvery ?? TimeSpan.FromSeconds(1), cancel);
        }
        throw new TimeoutException($"training job {job} did not finish in time");
    }

    private static string Describe(string text)
    {
        var body = TryParse(text);
        if (body?["version"] is { } version) return $"version {version}" + (body["kind"] is { } kind ? $" ({kind})" : "");
        var json = body?.ToJsonString() ?? text;
        return json.Length > 200 ? json[..200] + "…" : json;
    }

    private static JsonNode? TryParse(string text)
    {
        try { return JsonNode.Parse(text) as JsonObject; }
        catch (JsonException) { return null; }
    }
}
