using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Grains;
using Microsoft.Extensions.Options;

namespace ContentGrains.Silo.Api;

/// <summary>The feed model's registry: train a new version, list versions, choose the champion (roll back).</summary>
public static class ModelsEndpoints
{
    public sealed record ChampionBody(long? Version);

    public static void MapModels(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/models/train", Train).WithName("TrainModel")
            .WithSummary("Train the feed model from the event log now; the new version becomes the champion")
            .Produces<ModelVersionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        app.MapGet("/v1/models", GetRegistry).WithName("GetModels")
            .WithSummary("The feed model's versions, with what each was trained on, and the champion")
            .Produces<ModelRegistryView>();
        app.MapPut("/v1/models/champion", SetChampion).WithName("SetChampion")
            .WithSummary("Make a stored version the champion (roll back or forward)")
            .Accepts<ChampionBody>("application/json").Produces<ModelRegistryView>().ProducesValidationProblem();
    }

    private static ITrainerGrain Trainer(IGrainFactory grains, IOptions<EngineOptions> options) =>
        grains.GetGrain<ITrainerGrain>(options.Value.ModelName);

    private static async Task<IResult> Train(IGrainFactory grains, IOptions<EngineOptions> options, string? kind)
    {
        if (kind is not null && !LiveModelTrainer.Kinds.Contains(kind))
            return Problems.BadRequest("kind", $"must be one of {string.Join(", ", LiveModelTrainer.Kinds)}");
        try
        {
            return Results.Ok(await Trainer(grains, options).TrainAsync(kind));
        }
        catch (InvalidOperationException error)
        {
            return Results.Problem(detail: error.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static async Task<IResult> GetRegistry(IGrainFactory grains, IOptions<EngineOptions> options) =>
        Results.Ok(await Trainer(grains, options).GetRegistryAsync());

    private static async Task<IResult> SetChampion(HttpRequest request, IGrainFactory grains, IOptions<EngineOptions> options)
    {
        var (body, error) = await RequestJson.ReadAsync<ChampionBody>(request);
        if (error is not null) return error;
        if (body!.Version is not { } version) return Problems.BadRequest("version", "is required");
        try
        {
            return Results.Ok(await Trainer(grains, options).SetChampionAsync(version));
        }
        catch (ArgumentException problem)
        {
            return Problems.BadRequest("version", $"is not a stored version ({problem.Message})");
        }
    }
}
