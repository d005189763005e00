using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Grains;
using Microsoft.Extensions.Options;

namespace ContentGrains.Silo.Api;

/// <summary>
/// The model registries: start and follow training jobs, list versions, choose the champion (roll back). Every route
/// takes <c>?model=</c>: the feed model's registry by default, or the click model's (<see cref="EngineOptions.ClickModelName"/>).
/// <c>kind=click</c> alone also means the click registry. Each tenant has its own registries (the trainer's key is the
/// model name qualified by the key's tenant, <see cref="TenantGrains.Get{T}"/>), so no key reaches another tenant's
/// versions, jobs, champion or pin; answers name the registry as the tenant calls it.
/// </summary>
public static class ModelsEndpoints
{
    public sealed record ChampionBody(long? Version);

    public static void MapModels(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/models/train", Train).WithName("TrainModel")
            .WithSummary("Start a training job from the event log; answers 202 with the job at once (409, a problem whose job member is the running one, if one is active)")
            .Produces<TrainingJobView>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        app.MapGet("/v1/models/jobs/{id}", GetJob).WithName("GetTrainingJob")
            .WithSummary("A training job's status and progress").Produces<TrainingJobView>().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapDelete("/v1/models/jobs/{id}", CancelJob).WithName("CancelTrainingJob")
            .WithSummary("Cancel a training job (it stops at its next check)").Produces<TrainingJobView>().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/v1/models", GetRegistry).WithName("GetModels")
            .WithSummary("The feed model's versions with data window, held-out metrics, device, checksum and the gate's verdict; the champion; each silo's serving version")
            .Produces<ModelRegistryView>();
        app.MapPut("/v1/models/champion", SetChampion).WithName("SetChampion")
            .WithSummary("Make a stored, accepted version the champion (roll back or forward); it is pushed to every silo")
            .Accepts<ChampionBody>("application/json").Produces<ModelRegistryView>().ProducesValidationProblem();
        app.MapDelete("/v1/models/champion/pin", UnpinChampion).WithName("UnpinChampion")
            .WithSummary("Release the pin an operator's champion choice set: the champion stays, and the next accepted training replaces it")
            .Produces<ModelRegistryView>().ProducesValidationProblem();
    }

    private static ITrainerGrain Trainer(TenantGrains grains, IOptions<EngineOptions> options, string? model = null) =>
        grains.Get<ITrainerGrain>(model ?? options.Value.ModelName);

    /// <summary>The registry named by <c>?model=</c>, or a 400 naming the field.</summary>
    private static IResult? CheckModel(IOptions<EngineOptions> options, string? model) =>
        model is null || model == options.Value.ModelName || model == options.Value.ClickModelName
            ? null
            : Problems.BadRequest("model", $"must be '{options.Value.ModelName}' or '{options.Value.ClickModelName}'");

    private static async Task<IResult> Train(TenantGrains grains, IOptions<EngineOptions> options, string? kind, string? model)
    {
        if (CheckModel(options, model) is { } bad) return bad;
        var isClick = kind == ContentGrains.Core.Registry.ClickTrainingRun.Kind || model == options.Value.ClickModelName;
        if (kind is not null && !isClick && !LiveModelTrainer.Kinds.Contains(kind))
            return Problems.BadRequest("kind", $"must be one of {string.Join(", ", LiveModelTrainer.Kinds.Append(ContentGrains.Core.Registry.ClickTrainingRun.Kind))}");
        if (isClick && kind is not null && kind != ContentGrains.Core.Registry.ClickTrainingRun.Kind)
            return Problems.BadRequest("kind", $"the click registry trains only kind '{ContentGrains.Core.Registry.ClickTrainingRun.Kind}'");
        var start = await Trainer(grains, options, isClick ? options.Value.ClickModelName : null).StartTrainingAsync(kind, "http");
        var job = TenantAnswers.Local(start.Job);
        return start.Started
            ? Results.Accepted($"/v1/models/jobs/{job.Id}" + (isClick ? $"?model={options.Value.ClickModelName}" : ""), job)
            // A problem body like every 4xx (found by the API fuzz test), carrying the running job as "job".
            : Results.Problem($"a training job is already running ({start.Job.Id}); follow it at /v1/models/jobs/{start.Job.Id} or cancel it with DELETE there",
                statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["job"] = job });
    }

    private static async Task<IResult> GetJob(string id, TenantGrains grains, IOptions<EngineOptions> options, string? model) =>
        CheckModel(options, model) ?? (await Trainer(grains, options, model).GetJobAsync(id) is { } job
            ? Results.Ok(TenantAnswers.Local(job)) : Results.Problem($"no training job {id}", statusCode: StatusCodes.Status404NotFound));

    private static async Task<IResult> CancelJob(string id, TenantGrains grains, IOptions<EngineOptions> options, string? model) =>
        CheckModel(options, model) ?? (await Trainer(grains, options, model).CancelJobAsync(id) is { } job
            ? Results.Ok(TenantAnswers.Local(job)) : Results.Problem($"no training job {id}", statusCode: StatusCodes.Status404NotFound));

    private static async Task<IResult> GetRegistry(TenantGrains grains, IOptions<EngineOptions> options, string? model) =>
        CheckModel(options, model) ?? Results.Ok(TenantAnswers.Local(await Trainer(grains, options, model).GetRegistryAsync()));

    private static async Task<IResult> UnpinChampion(TenantGrains grains, IOptions<EngineOptions> options, string? model) =>
        CheckModel(options, model) ?? Results.Ok(TenantAnswers.Local(await Trainer(grains, options, model).UnpinChampionAsync()));

    private static async Task<IResult> SetChampion(HttpRequest request, TenantGrains grains, IOptions<EngineOptions> options, string? model)
    {
        if (CheckModel(options, model) is { } bad) return bad;
        var (body, error) = await RequestJson.ReadAsync<ChampionBody>(request);
        if (error is not null) return error;
        if (body!.Version is not { } version) return Problems.BadRequest("version", "is required");
        try
        {
            return Results.Ok(TenantAnswers.Local(await Trainer(grains, options, model).SetChampionAsync(version)));
        }
        catch (ArgumentException problem)
        {
            return Problems.BadRequest("version", $"cannot be the champion ({problem.Message})");
        }
    }
}
