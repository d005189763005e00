using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ContentGrains.Abstractions;
using ContentGrains.Core.Events;

namespace ContentGrains.Silo.Api;

/// <summary>GET /v1/users/{userId}/feed and /profile.</summary>
public static class UsersEndpoints
{
    public const int MaxFeedCount = 500;

    public static void MapUsers(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/users/{userId}/feed", GetFeed).WithName("GetFeed")
            .WithSummary("A personal feed: items with a score and a reason each; ?experiment= serves the person's arm and names it; "
                + "?tags=, ?excludeTags= and ?formats= (comma-separated) restrict it to a section")
            .Produces<Feed>().ProducesValidationProblem();
        app.MapGet("/v1/users/{userId}/profile", GetProfile).WithName("GetProfile")
            .WithSummary("A user's live profile: event counts, interests, recent history")
            .Produces<UserProfileView>().ProducesValidationProblem();
    }

    /// <summary>With <c>?experiment=</c>, the feed of the person's arm in that experiment (the exposure is logged).</summary>
    private static async Task<IResult> GetFeed(string userId, TenantGrains grains, [Range(1, UsersEndpoints.MaxFeedCount), Description("How many items (1-500, default 10)")] int? count, string? channel, string? experiment,
        [Description("Only items with at least one of these tags (comma-separated)")] string? tags,
        [Description("No item with any of these tags (comma-separated)")] string? excludeTags,
        [Description("Only items of these formats (comma-separated)")] string? formats)
    {
        var problem = EventValidator.CheckId("userId", userId) ?? (channel is null ? null : EventValidator.CheckId("channel", channel))
            ?? (experiment is null ? null : EventValidator.CheckId("experiment", experiment));
        if (problem is not null) return Problems.BadRequest(problem.Field, problem.Reason);
        var n = count ?? 10;
        if (n is < 1 or > MaxFeedCount) return Problems.BadRequest("count", $"must be between 1 and {MaxFeedCount}");
        var (filter, filterProblem) = FeedFilterQuery.Parse(tags, excludeTags, formats);
        if (filterProblem is not null) return filterProblem;
        var user = grains.Get<IUserGrain>(userId);
        if (experiment is null) return Results.Ok(TenantAnswers.Local(await user.GetFeedAsync(n, channel, filter)));
        return await user.GetExperimentFeedAsync(n, channel, experiment, filter) is { } feed
            ? Results.Ok(TenantAnswers.Local(feed)) : Results.Problem($"no experiment {experiment}", statusCode: StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> GetProfile(string userId, TenantGrains grains)
    {
        var problem = EventValidator.CheckId("userId", userId);
        if (problem is not null) return Problems.BadRequest(problem.Field, problem.Reason);
        return Results.Ok(TenantAnswers.Local(await grains.Get<IUserGrain>(userId).GetProfileAsync()));
    }
}
