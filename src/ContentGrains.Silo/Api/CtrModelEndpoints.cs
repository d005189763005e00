using ContentGrains.Abstractions;
using ContentGrains.Core.Events;
using ContentGrains.Core.Performance;
using ContentGrains.Grains;

namespace ContentGrains.Silo.Api;

/// <summary>
/// The live CTR model (content performance prediction): POST /v1/ctr-model/fit, GET /v1/ctr-model (the served version,
/// how it was fitted, held-out score against the global mean, importances, the last fit job) and
/// GET /v1/items/{itemId}/predicted-ctr (the item's prediction and the prior its smoothed CTR uses). Each tenant has
/// its own model, fitted over its own catalog (<see cref="CtrModelOptions.GrainKeyOf"/>).
/// </summary>
public static class CtrModelEndpoints
{
    /// <summary>What GET /v1/ctr-model answers; Version is null before the first fit (the fixed prior applies).</summary>
    public sealed record CtrModelView(long? Version, string? Method, DateTimeOffset? FittedAt, int Rows, int TrainingItems, int HeldOutItems,
        double? MeanCtr, CtrHeldOut? HeldOut, IReadOnlyList<CtrFeatureShare> Importances, CtrModelJob? LastJob, string? Note);

    /// <summary>What GET /v1/items/{itemId}/predicted-ctr answers: the item's prior, with a note while no model is served.</summary>
    public sealed record PredictedCtrView(string ItemId, long? ModelVersion, double? PredictedCtr, double PriorMean, double PriorWeight, double SmoothedCtr,
        IReadOnlyList<CtrFeatureShare> TopFeatures, string? Note);

    public static void MapCtrModel(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/ctr-model/fit", Fit).WithName("FitCtrModel")
            .WithSummary("Fit the CTR model over the catalog's items with traffic now (also run every CtrModel:Interval): 202, then poll GET /v1/ctr-model; 409 when too few items have traffic")
            .Produces<CtrModelJob>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
        app.MapGet("/v1/ctr-model", Get).WithName("GetCtrModel")
            .WithSummary("The served CTR model: version, when fitted, rows, held-out log-loss and AUC against the global mean, feature importances, the last fit")
            .Produces<CtrModelView>();
        app.MapGet("/v1/items/{itemId}/predicted-ctr", GetItem).WithName("GetItemPredictedCtr")
            .WithSummary("The item's predicted CTR, the prior its smoothed CTR uses (the prediction when a model is served, the fixed prior otherwise) and its top features")
            .Produces<PredictedCtrView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Fit(TenantGrains grains)
    {
        var job = await grains.Get<ICtrModelGrain>(CtrModelOptions.GrainKey).StartFitAsync();
        return job.Status switch
        {
            CtrModelJob.Running or CtrModelJob.Succeeded => Results.Accepted("/v1/ctr-model", job),
            // Too few items with traffic is the catalog's state (409: wait for traffic, then fit); anything else is the engine's fault.
            CtrModelJob.TooFewItems => Results.Problem(detail: job.Error, statusCode: StatusCodes.Status409Conflict),
            _ => Results.Problem(detail: job.Error, statusCode: StatusCodes.Status500InternalServerError),
        };
    }

    private static async Task<IResult> Get(CtrModelCache models, TenantGrains grains)
    {
        var job = await grains.Get<ICtrModelGrain>(CtrModelOptions.GrainKey).GetJobAsync();
        if (await models.GetAsync(grains.Tenant) is not { } model)
            return Results.Ok(new CtrModelView(null, null, null, 0, 0, 0, null, null, [], job, NoModel));
        var r = model.Report;
        return Results.Ok(new CtrModelView(model.Version, r.Method, r.FittedAt, r.Rows, r.TrainingItems, r.HeldOutItems, r.MeanCtr, r.HeldOut,
            FeatureImportance.GroupTextVector(r.Importances).Select(i => new CtrFeatureShare(i.Feature, Math.Round(i.Share, 4))).ToList(), job, null));
    }

    private static async Task<IResult> GetItem(string itemId, CtrModelCache models, TenantGrains grains)
    {
        if (EventValidator.CheckId("itemId", itemId) is { } bad) return Problems.BadRequest(bad.Field, bad.Reason);
        await models.GetAsync(grains.Tenant); // loads a new version on this silo before the item's grain is asked
        var prior = await grains.Get<IItemGrain>(itemId).GetCtrPriorAsync();
        return prior is null
            ? Results.Problem(detail: $"no item '{itemId}': it has neither metadata nor events", statusCode: StatusCodes.Status404NotFound)
            : Results.Ok(new PredictedCtrView(itemId, prior.ModelVersion, prior.PredictedCtr, prior.PriorMean, prior.PriorWeight, prior.SmoothedCtr,
                prior.TopFeatures, prior.ModelVersion is null ? NoModel : null));
    }

    private const string NoModel = "no CTR model fitted yet: items use the fixed prior (POST /v1/ctr-model/fit, or wait for CtrModel:Interval)";
}
