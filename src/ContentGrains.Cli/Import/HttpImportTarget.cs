using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContentGrains.Cli.Import;

/// <summary>
/// The engine's HTTP API: items through the bulk POST /v1/items, events through POST /v1/events, with the
/// X-Api-Key header when a key is given. A failed connection or a 429/502/503/504 is retried with growing pauses
/// (honouring Retry-After): the engine deduplicates events by id and items are upserts, so a batch sent twice counts once.
/// An answer that names its Retry-After (the engine's back-pressure: "overloaded, nothing of this batch stored, send it
/// again after N s") is honoured for up to <see cref="RetryAfterPatience"/> without using up those retries: a busy
/// engine slows the import down instead of stopping it.
/// </summary>
public sealed class HttpImportTarget : IImportTarget
{
    /// <summary>The API's limit per request (ContentGrainsNames.MaxEventsPerBatch / MaxItemsPerBatch).</summary>
    public const int ApiMaxBatch = 10_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    /// <summary>About 15 s in all: long enough for a silo restart or a membership change to settle.</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultRetryPauses =
        [TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)];

    /// <summary>How long answers with a Retry-After keep being retried, counted from the first of them for a batch.</summary>
    public static readonly TimeSpan RetryAfterPatience = TimeSpan.FromMinutes(10);

    private readonly HttpClient http;
    private readonly IReadOnlyList<TimeSpan> pauses;

    public HttpImportTarget(Uri engine, string? apiKey, HttpMessageHandler? handler = null, IReadOnlyList<TimeSpan>? retryPauses = null)
    {
        pauses = retryPauses ?? DefaultRetryPauses;
        http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: true) { BaseAddress = engine, Timeout = TimeSpan.FromMinutes(5) };
        if (apiKey is not null) http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        Description = engine.ToString().TrimEnd('/');
    }

    public string Description { get; }
    public int MaxBatch => ApiMaxBatch;
    public int MaxConcurrentBatches => 32;
    public bool KeepsUsers => false;

    /// <summary>
    /// Asks the engine's liveness probe once, with a short timeout, before any file is read: an engine that is not there
    /// is reported in one line at once, instead of after the batch retries. Null when it answered.
    /// </summary>
    public async Task<string?> UnreachableAsync(CancellationToken cancel)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            using var response = await http.GetAsync("health/live", timeout.Token);
            return null; // any answer, even 401 or 503, means an engine is there: the batches say the rest
        }
        catch (HttpRequestException error) { return error.Message; }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested) { return "no answer within 10 s"; }
    }

    private sealed record IngestAnswer(int Accepted, int Duplicates, List<BatchReject>? Rejected, int UnknownItems);
    private sealed record ItemsAnswer(int Stored, List<BatchReject>? Rejected);

    public async Task<BatchResult> SendEventsAsync(IReadOnlyList<ImportEvent> events, CancellationToken cancel)
    {
        var answer = await PostAsync<IngestAnswer>("v1/events", events, cancel);
        return new BatchResult(answer.Accepted, answer.Duplicates, answer.Rejected ?? [], answer.UnknownItems);
    }

    public async Task<BatchResult> SendItemsAsync(IReadOnlyList<ImportItem> items, CancellationToken cancel)
    {
        var answer = await PostAsync<ItemsAnswer>("v1/items", items, cancel);
        return new BatchResult(answer.Stored, 0, answer.Rejected ?? [], 0);
    }

    public Task<BatchResult> SendUsersAsync(IReadOnlyList<ImportUser> users, CancellationToken cancel) =>
        throw new NotSupportedException("the engine keeps no user side information");

    public Task<IReadOnlyList<string>> CompleteAsync(CancellationToken cancel) => Task.FromResult<IReadOnlyList<string>>([]);

    private async Task<T> PostAsync<T>(string path, object body, CancellationToken cancel)
    {
        // Serialised once: a retry sends the same bytes.
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Json);
        var pushedBackSince = (long?)null; // when the engine first asked this batch to come back after a Retry-After
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                using var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = new("application/json");
                response = await http.PostAsync(path, content, cancel);
            }
            catch (HttpRequestException error)
            {
                if (attempt < pauses.Count) { await Task.Delay(pauses[attempt], cancel); continue; }
                throw new TargetUnavailableException($"cannot reach the engine at {Description}: {error.Message}", error);
            }
            using (response)
            {
                if (response.IsSuccessStatusCode)
                    return await response.Content.ReadFromJsonAsync<T>(Json, cancel)
                        ?? throw new TargetUnavailableException($"{Description}/{path} answered an empty body");
                if (IsTransient(response.StatusCode) && response.Headers.RetryAfter?.Delta is { } asked && asked < TimeSpan.FromSeconds(30)
                    && System.Diagnostics.Stopwatch.GetElapsedTime(pushedBackSince ??= System.Diagnostics.Stopwatch.GetTimestamp()) < RetryAfterPatience)
                {
                    attempt--; // back-pressure, not a failure: the short retry budget stays for failures
                    await Task.Delay(asked, cancel);
                    continue;
                }
                if (IsTransient(response.StatusCode) && attempt < pauses.Count)
                {
                    await Task.Delay(response.Headers.RetryAfter?.Delta is { } wait && wait < TimeSpan.FromSeconds(30) ? wait : pauses[attempt], cancel);
                    continue;
                }
                var detail = await response.Content.ReadAsStringAsync(cancel);
                throw new TargetUnavailableException(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    ? $"the engine at {Description} refused the request ({(int)response.StatusCode}): give a valid key with --api-key"
                    : $"{Description}/{path} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Shorten(detail)}");
            }
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    public ValueTask DisposeAsync()
    {
        http.Dispose();
        return ValueTask.CompletedTask;
    }
}
