using ContentGrains.Abstractions;
using ContentGrains.Grains;

namespace ContentGrains.Silo.Api;

/// <summary>
/// Answers 503 with Retry-After and a problem-details body when the engine cannot answer for a while, so clients retry
/// instead of treating it as a server bug: while the cluster recovers from a lost silo (calls to grains that lived
/// there fail until membership declares it dead), and while the store is unreachable or full. Retrying a batch of
/// events is safe whatever became of it: event ids dedupe, so an event stored before the failure counts once.
/// </summary>
public sealed class UnavailableMiddleware(RequestDelegate next, ILogger<UnavailableMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception error) when (!context.Response.HasStarted && Explain(error) is { } answer)
        {
            // The repeated-failure log filter keeps this to one line per kind per interval during an outage.
            logger.LogWarning(error, "Answered 503 for {Path}: {Reason}", context.Request.Path, answer.Detail);
            context.Response.Clear();
            context.Response.Headers.RetryAfter = answer.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Results.Problem(answer.Detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable").ExecuteAsync(context);
        }
    }

    private sealed record Answer(string Detail, int RetryAfterSeconds);

    private static Answer? Explain(Exception error)
    {
        if (StorageFaults.Translate(error) is { } storage)
            return storage.Kind switch
            {
                StorageFaultKind.Full => new Answer($"the store is full; retry once space is freed ({storage.Message})", 30),
                StorageFaultKind.Unreachable => new Answer($"the store is unreachable; retry shortly ({storage.Message})", 5),
                _ => new Answer($"the store failed; retry shortly ({storage.Message})", 5),
            };
        if (error is OrleansMessageRejectionException or SiloUnavailableException or TimeoutException)
            return new Answer("the cluster is recovering from a lost silo; retry shortly", 2);
        return null;
    }
}
