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
            .WithSummary("A personal feed: items with a score and a reason each")
            .Produces<Feed>().ProducesValidationProblem();
        app.MapGet("/v1/users/{userId}/profile", GetProfile).WithName("GetProfile")
            .WithSummary("A user's live profile: event counts, interests, recent history")
            .Produces<UserProfileView>().ProducesValidationProblem();
    }

    private static async Task<IResult> GetFeed(string userId, IGrainFactory grains, int? count, string? channel)
    {
        var problem = EventValidator.CheckId("userId", userId) ?? (channel is null ? null : EventValidator.CheckId("channel", channel));
        if (problem is not null) return Problems.BadRequest(problem.Field, problem.Reason);
        var n = count ?? 10;
        if (n is < 1 or > MaxFeedCount) return Problems.BadRequest("count", $"must be between 1 and {MaxFeedCount}");
        return Results.Ok(await grains.GetGrain<IUserGrain>(userId).GetFeedAsync(n, channel));
    }

    private static async Task<IResult> GetProfile(string userId, IGrainFactory grains)
    {
        var problem = EventValidator.CheckId("userId", userId);
        if (problem is not null) return Problems.BadRequest(problem.Field, problem.Reason);
        return Results.Ok(await grains.GetGrain<IUserGrain>(userId).GetProfileAsync());
    }
}
