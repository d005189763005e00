using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ContentGrains.Abstractions;
using ContentGrains.Core.Events;
using ContentGrains.Grains;

namespace ContentGrains.Silo.Api;

/// <summary>GET /v1/items/{itemId}/also ("people who read X also read Y") and POST /v1/rules/mine.</summary>
public static class RulesEndpoints
{
    public static void MapRules(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/items/{itemId}/also", GetAlso).WithName("GetAlsoRead")
            .WithSummary("People who read this item also read: its association rules (support, confidence, lift), strongest first")
            .Produces<AlsoList>().ProducesValidationProblem();
        app.MapPost("/v1/rules/mine", Mine).WithName("MineRules")
            .WithSummary("Mine association rules over the event log's sessions now (also run every Rules:Interval); waits for the run")
            .Produces<RulesRun>().ProducesProblem(StatusCodes.Status500InternalServerError);
    }

    private static async Task<IResult> GetAlso(string itemId, TenantGrains grains, [Range(1, UsersEndpoints.MaxFeedCount), Description("How many items (1-500, default 10)")] int? count)
    {
        if (EventValidator.CheckId("itemId", itemId) is { } bad) return Problems.BadRequest(bad.Field, bad.Reason);
        if (count is < 1 or > UsersEndpoints.MaxFeedCount) return Problems.BadRequest("count", $"must be between 1 and {UsersEndpoints.MaxFeedCount}");
        return Results.Ok(TenantAnswers.Local(await grains.Worker<IDiscoveryGrain>().GetAlsoAsync(Core.Tenants.TenantKeys.Qualify(grains.Tenant, itemId), count ?? 10)));
    }

    /// <summary>Mines the tenant's own sessions into the tenant's own rules.</summary>
    private static async Task<IResult> Mine(TenantGrains grains)
    {
        var run = await grains.Job<IRulesGrain>().MineAsync();
        return run.Error is null ? Results.Ok(run) : Results.Problem(detail: run.Error, statusCode: StatusCodes.Status500InternalServerError);
    }
}
