using ContentGrains.Abstractions;
using ContentGrains.Core.Events;
using ContentGrains.Core.Segments;
using ContentGrains.Grains;

namespace ContentGrains.Silo.Api;

/// <summary>
/// GET /v1/users/{userId}/segment, GET /v1/segments (the served version's descriptions and fit report) and POST
/// /v1/segments/fit. Each tenant fits and reads its own segments, over its own events (<see cref="Core.Tenants.TenantJobs"/>).
/// </summary>
public static class SegmentsEndpoints
{
    /// <summary>What GET /v1/segments answers: the served version, each segment's description, and how the fit went.</summary>
    public sealed record SegmentsView(long? Version, IReadOnlyList<SegmentDescription> Segments, SegmentFitReport? Fit);

    public static void MapSegments(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/users/{userId}/segment", GetUserSegment).WithName("GetUserSegment")
            .WithSummary("The person's audience segment now: the nearest centroid of the served segments to their live profile")
            .Produces<UserSegment>().ProducesValidationProblem();
        app.MapGet("/v1/segments", GetSegments).WithName("GetSegments")
            .WithSummary("The served segments: size, top tags, formats, channels and hours of each, and the fit's silhouettes and DBSCAN view")
            .Produces<SegmentsView>();
        app.MapPost("/v1/segments/fit", Fit).WithName("FitSegments")
            .WithSummary("Fit the segments over the event log now (also run every Segments:Interval); waits for the run")
            .Produces<SegmentsRun>().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status500InternalServerError);
    }

    private static async Task<IResult> GetUserSegment(string userId, TenantGrains grains)
    {
        if (EventValidator.CheckId("userId", userId) is { } bad) return Problems.BadRequest(bad.Field, bad.Reason);
        return Results.Ok(TenantAnswers.Local(await grains.Get<IUserGrain>(userId).GetSegmentAsync()));
    }

    private static async Task<IResult> GetSegments(TenantGrains grains, SegmentModelCache segments)
    {
        var served = await segments.RefreshAsync(grains.Tenant);
        return Results.Ok(new SegmentsView(served?.Version, served?.Model.Segments ?? [], served?.Model.Report));
    }

    private static async Task<IResult> Fit(TenantGrains grains)
    {
        var run = await grains.Job<ISegmentsGrain>().FitAsync();
        if (run.Error is null) return Results.Ok(run);
        // Too little data is the log's state, not the engine's failure: 409, saying what to do about it.
        return run.TooFewPeople
            ? Results.Problem(detail: $"{run.Error}; send more events, then fit again", statusCode: StatusCodes.Status409Conflict)
            : Results.Problem(detail: run.Error, statusCode: StatusCodes.Status500InternalServerError);
    }
}
