using ContentGrains.Abstractions;
using ContentGrains.Core.Events;

namespace ContentGrains.Silo.Api;

/// <summary>
/// A/B/n experiments: create, start, stop, assign a person, record an outcome, results. A person's feed inside an
/// experiment is GET /v1/users/{userId}/feed?experiment={id}.
/// </summary>
public static class ExperimentsEndpoints
{
    /// <summary>
    /// The create body: the experiment's id and its definition (<see cref="ExperimentSpec"/>). A metric with "events" is
    /// measured from the ingested events; preExposureDays is how far before each exposure its CUPED covariate is read.
    /// </summary>
    public sealed record CreateBody(string? Id, List<ExperimentArm>? Arms, List<ExperimentMetric>? Metrics, string? Salt, double? Alpha,
        string? Test, long? HorizonPersons, long? MinPersonsPerArm, long? SequentialTuningPersons, string? Description, double? PreExposureDays = null);

    public sealed record AssignBody(string? UserId, double? PreExposure);

    public sealed record OutcomeBody(string? UserId, string? Metric, double? Value);

    public sealed record OutcomeResponse(string Status);

    public static void MapExperiments(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/experiments", Create).WithName("CreateExperiment").WithSummary("Create an experiment (a draft until started)")
            .Accepts<CreateBody>("application/json").Produces<ExperimentView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        app.MapGet("/v1/experiments/{id}", Get).WithName("GetExperiment").WithSummary("An experiment's definition and status")
            .Produces<ExperimentView>().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPost("/v1/experiments/{id}/start", (string id, TenantGrains grains) => Move(id, grains, g => g.StartAsync()))
            .WithName("StartExperiment").WithSummary("Start a draft experiment: assignments log exposures from now")
            .Produces<ExperimentView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost("/v1/experiments/{id}/stop", (string id, TenantGrains grains) => Move(id, grains, g => g.StopAsync()))
            .WithName("StopExperiment").WithSummary("Stop a running experiment: everyone gets the control arm again")
            .Produces<ExperimentView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost("/v1/experiments/{id}/assign", Assign).WithName("AssignExperiment")
            .WithSummary("A person's arm; while running, logs an exposure (preExposure: the person's CUPED covariate)")
            .Accepts<AssignBody>("application/json").Produces<ExperimentAssignment>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPost("/v1/experiments/{id}/outcomes", RecordOutcome).WithName("RecordExperimentOutcome")
            .WithSummary("Add a value to an exposed person's total of a metric")
            .Accepts<OutcomeBody>("application/json").Produces<OutcomeResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapGet("/v1/experiments/{id}/results", GetResults).WithName("GetExperimentResults")
            .WithSummary("Per-arm KPIs with intervals, comparisons (fixed-horizon, sequential, CUPED), sample-ratio check and the decision; metrics with \"events\" or a \"ratio\" are measured from the event log after each person's first exposure, incrementally (?pass=full reads the whole log again)")
            .Produces<ExperimentResults>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Create(HttpRequest request, TenantGrains grains)
    {
        var (body, error) = await RequestJson.ReadAsync<CreateBody>(request);
        if (error is not null) return error;
        if (EventValidator.CheckId("id", body!.Id) is { } bad) return Problems.BadRequest(bad.Field, bad.Reason);
        var spec = new ExperimentSpec(body.Arms!, body.Metrics!, body.Salt, body.Alpha, body.Test, body.HorizonPersons,
            body.MinPersonsPerArm, body.SequentialTuningPersons, body.Description, body.PreExposureDays);
        var grain = grains.Get<IExperimentGrain>(body.Id!);
        var errors = await grain.CreateAsync(spec);
        if (errors.Any(e => e.Field == "id")) return Results.Problem(errors[0].Reason, statusCode: StatusCodes.Status409Conflict);
        if (errors.Count > 0) return Problems.Invalid(errors.Select(e => (e.Field, e.Reason)));
        return Results.Created($"/v1/experiments/{body.Id}", TenantAnswers.Local(await grain.GetAsync()));
    }

    private static async Task<IResult> Get(string id, TenantGrains grains) =>
        CheckId(id) ?? (await grains.Get<IExperimentGrain>(id).GetAsync() is { } view ? Results.Ok(TenantAnswers.Local(view)) : NotFound(id));

    private static async Task<IResult> Move(string id, TenantGrains grains, Func<IExperimentGrain, Task<ExperimentTransition>> move)
    {
        if (CheckId(id) is { } bad) return bad;
        var result = await move(grains.Get<IExperimentGrain>(id));
        return result.NotFound ? NotFound(id)
            : result.Conflict is { } conflict ? Results.Problem(conflict, statusCode: StatusCodes.Status409Conflict)
            : Results.Ok(TenantAnswers.Local(result.Experiment));
    }

    private static async Task<IResult> Assign(string id, HttpRequest request, TenantGrains grains)
    {
        if (CheckId(id) is { } bad) return bad;
        var (body, error) = await RequestJson.ReadAsync<AssignBody>(request);
        if (error is not null) return error;
        if (EventValidator.CheckId("userId", body!.UserId) is { } user) return Problems.BadRequest(user.Field, user.Reason);
        if (body.PreExposure is { } pre && !double.IsFinite(pre)) return Problems.BadRequest("preExposure", "must be a finite number");
        return await grains.Get<IExperimentGrain>(id).AssignAsync(grains.Key(body.UserId!), body.PreExposure) is { } assignment
            ? Results.Ok(TenantAnswers.Local(assignment)) : NotFound(id);
    }

    private static async Task<IResult> RecordOutcome(string id, HttpRequest request, TenantGrains grains)
    {
        if (CheckId(id) is { } bad) return bad;
        var (body, error) = await RequestJson.ReadAsync<OutcomeBody>(request);
        if (error is not null) return error;
        if (EventValidator.CheckId("userId", body!.UserId) is { } user) return Problems.BadRequest(user.Field, user.Reason);
        if (string.IsNullOrEmpty(body.Metric)) return Problems.BadRequest("metric", "is required");
        if (body.Value is not { } value || !double.IsFinite(value)) return Problems.BadRequest("value", "is required and must be a finite number");
        return await grains.Get<IExperimentGrain>(id).RecordOutcomeAsync(grains.Key(body.UserId!), body.Metric, value) switch
        {
            OutcomeStatus.Recorded => Results.Ok(new OutcomeResponse("recorded")),
            OutcomeStatus.NotFound => NotFound(id),
            OutcomeStatus.NotRunning => Results.Problem($"experiment {id} is not running", statusCode: StatusCodes.Status409Conflict),
            OutcomeStatus.UnknownMetric => Problems.BadRequest("metric", $"'{body.Metric}' is not a metric of experiment {id}"),
            _ => Problems.BadRequest("userId", $"'{body.UserId}' was never exposed to experiment {id} (assign first)"),
        };
    }

    /// <param name="pass">"incremental" (the default): only the log's new events are read; "full": the whole log again.</param>
    private static async Task<IResult> GetResults(string id, string? pass, TenantGrains grains)
    {
        if (CheckId(id) is { } bad) return bad;
        if (pass is not (null or "incremental" or "full")) return Problems.BadRequest("pass", "must be 'incremental' (the default) or 'full'");
        var grain = grains.Get<IExperimentGrain>(id);
        var results = pass == "full" ? await grain.GetResultsAfterFullPassAsync() : await grain.GetResultsAsync();
        return results is not null ? Results.Ok(TenantAnswers.Local(results)) : NotFound(id);
    }

    private static IResult? CheckId(string id) => EventValidator.CheckId("id", id) is { } bad ? Problems.BadRequest(bad.Field, bad.Reason) : null;

    private static IResult NotFound(string id) => Results.Problem($"no experiment {id}", statusCode: StatusCodes.Status404NotFound);
}
