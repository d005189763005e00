using ContentGrains.Abstractions;
using ContentGrains.Grains;

namespace ContentGrains.Silo.Api;

/// <summary>
/// Answers 503 with Retry-After and a problem-details body when the engine cannot answer for a while, so clients retry
/// instead of treating it as a server bug: while the cluster recovers from a lost silo (calls to grains that lived
/// there fail until membership declares it dead), while the store is unreachable or full, and while ingestion is
/// overloaded (a batch found no room in the dispatch backlog: nothing of it was stored). A grain call past Orleans'
/// response timeout is answered as what it is, a timeout (overload, or a silo that stopped answering), not as a lost
/// silo. Retrying a batch of events is safe whatever became of it: event ids dedupe, so an event stored before the
/// failure counts once.
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
        if (error is EngineOverloadedException overloaded) return new Answer(overloaded.Message, overloaded.RetryAfterSeconds);
        if (error is TimeoutException)
            return new Answer("a grain call took longer than Orleans' response timeout: the engine is overloaded, or a silo stopped answering; retry shortly", 5);
        if (error is OrleansMessageRejectionException or SiloUnavailableException)
            return new Answer("the cluster is recovering from a lost silo; retry shortly", 2);
        return null;
    }
}
