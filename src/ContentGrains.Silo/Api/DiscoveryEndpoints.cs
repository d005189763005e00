using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ContentGrains.Abstractions;
using ContentGrains.Core.Events;

namespace ContentGrains.Silo.Api;

/// <summary>GET /v1/items/{itemId}/similar and GET /v1/trending: non-personal lists.</summary>
public static class DiscoveryEndpoints
{
    public static void MapDiscovery(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/items/{itemId}/similar", GetSimilar).WithName("GetSimilarItems")
            .WithSummary("Items similar to one item: the model's item-to-item neighbours, else shared tags")
            .Produces<ItemList>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/v1/trending", GetTrending).WithName("GetTrending")
            .WithSummary("The most popular items now (decayed trend score), optionally for one channel and a section (?tags=, ?excludeTags=, ?formats=)")
            .Produces<ItemList>().ProducesValidationProblem();
    }

    private static async Task<IResult> GetSimilar(string itemId, TenantGrains grains, [Range(1, UsersEndpoints.MaxFeedCount), Description("How many items (1-500, default 10)")] int? count, string? channel)
    {
        if (EventValidator.CheckId("itemId", itemId) is { } bad) return Problems.BadRequest(bad.Field, bad.Reason);
        if (CheckListArguments(count, channel) is { } problem) return problem;
        var similar = await grains.Worker<IDiscoveryGrain>().GetSimilarAsync(Core.Tenants.TenantKeys.Qualify(grains.Tenant, itemId), count ?? 10, channel);
        return similar is null
            ? Results.Problem(detail: $"item '{itemId}' is neither in the catalog nor in the model", statusCode: StatusCodes.Status404NotFound)
            : Results.Ok(TenantAnswers.Local(similar));
    }

    private static async Task<IResult> GetTrending(TenantGrains grains, [Range(1, UsersEndpoints.MaxFeedCount), Description("How many items (1-500, default 10)")] int? count, string? channel,
        [Description("Only items with at least one of these tags (comma-separated)")] string? tags,
        [Description("No item with any of these tags (comma-separated)")] string? excludeTags,
        [Description("Only items of these formats (comma-separated)")] string? formats)
    {
        var (filter, problem) = FeedFilterQuery.Parse(tags, excludeTags, formats);
        problem ??= CheckListArguments(count, channel);
        if (problem is not null) return problem;
        return Results.Ok(TenantAnswers.Local(await grains.Worker<IDiscoveryGrain>().GetTrendingAsync(grains.Tenant, count ?? 10, channel, filter)));
    }

    private static IResult? CheckListArguments(int? count, string? channel)
    {
        if (channel is not null && EventValidator.CheckId("channel", channel) is { } bad) return Problems.BadRequest(bad.Field, bad.Reason);
        return count is < 1 or > UsersEndpoints.MaxFeedCount
            ? Problems.BadRequest("count", $"must be between 1 and {UsersEndpoints.MaxFeedCount}")
            : null;
    }
}
