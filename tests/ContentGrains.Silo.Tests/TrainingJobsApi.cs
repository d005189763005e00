using System.Text.Json.Nodes;
using ContentGrains.Testing;

namespace ContentGrains.Silo.Tests;

/// <summary>Training through the HTTP API: POST starts a job (202), GET follows it, the registry lists the version.</summary>
public static class TrainingJobsApi
{
    /// <summary>Starts a job and waits for it to finish; returns the final job.</summary>
    /// <param name="model">The registry (<c>?model=</c>), "click" for the click model's; the feed model's when null.</param>
    public static async Task<JsonNode> RunJobAsync(this HttpClient http, string? kind = null, string? model = null)
    {
        var query = string.Join("&", new[] { kind is null ? null : $"kind={kind}", model is null ? null : $"model={model}" }.OfType<string>());
        var (status, job) = await http.PostJsonAsync(query.Length == 0 ? "/v1/models/train" : $"/v1/models/train?{query}", null);
        Assert.Equal(202, status);
        Assert.Equal("queued", (string)job!["status"]!);
        // A job is found only in its own registry: a click job's URL names it.
        var jobPath = $"/v1/models/jobs/{(string)job["id"]!}" + (model is null ? "" : $"?model={model}");
        return await Eventually.Get(async () => (await http.GetJsonAsync(jobPath)).Body!,
            j => (bool)j["isActive"]! == false, "the training job to finish", timeoutMs: 300_000);
    }

    /// <summary>Runs a job that must succeed; returns its version as GET /v1/models lists it.</summary>
    public static async Task<JsonNode> TrainAsync(this HttpClient http, string? kind = null)
    {
        var job = await http.RunJobAsync(kind);
        Assert.True((string)job["status"]! == "succeeded", $"the job should succeed: {job}");
        var (_, registry) = await http.GetJsonAsync("/v1/models");
        return registry!["versions"]!.AsArray().Single(v => (long)v!["version"]! == (long)job["version"]!)!;
    }
}
