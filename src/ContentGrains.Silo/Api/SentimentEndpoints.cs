using System.ComponentModel;
using System.Text.Json;
using ContentGrains.Abstractions;
using ContentGrains.Core.Events;
using ContentGrains.Core.Sentiment;
using ContentGrains.Grains;

namespace ContentGrains.Silo.Api;

/// <summary>
/// Live sentiment: train or load the classifier (admin), an item's or a tag's or topic's sentiment over time, and the
/// alerts raised when a series' negative share jumps beyond its usual range. Each tenant has its own model, series
/// and alerts (<see cref="SentimentOptions.KeyOf"/>, <see cref="SentimentKeys"/>); answers carry the tenant's own keys.
/// </summary>
public static class SentimentEndpoints
{
    /// <summary>A model file is about 0.7 MB of JSON (16,384 IDF entries and weights, 384 dense weights).</summary>
    public const long MaxModelBytes = 16 << 20;
    public const int MaxAlerts = 1_000;
    private static readonly string[] Kinds = [SentimentKeys.Item, SentimentKeys.Tag, SentimentKeys.Topic];

    public static void MapSentiment(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/sentiment/train", Train).WithName("TrainSentiment")
            .WithSummary("Start training the sentiment classifier from a folder of *_labelled.txt files on the server ({\"data\":\"/path\",\"l2\":optional}): 202, then poll GET /v1/sentiment/train")
            .Produces<SentimentTrainingAnswer>(StatusCodes.Status202Accepted).ProducesValidationProblem();
        app.MapGet("/v1/sentiment/train", GetTraining).WithName("GetSentimentTraining")
            .WithSummary("The last training run: running, succeeded (with the version stored), failed (with the field and reason) or none")
            .Produces<SentimentTraining>();
        app.MapPut("/v1/sentiment/model", Load).WithName("LoadSentimentModel")
            .WithSummary("Store a model file written by `contentgrains sentiment train` (the body) as the next version; every silo loads it")
            .Produces<SentimentModelAnswer>().ProducesValidationProblem();
        app.MapGet("/v1/sentiment/model", GetModel).WithName("GetSentimentModel")
            .WithSummary("The sentiment model version the silos score with").Produces<SentimentModelView>().Produces(StatusCodes.Status404NotFound);
        app.MapGet("/v1/items/{itemId}/sentiment", GetItem).WithName("GetItemSentiment")
            .WithSummary("The item's sentiment over time: windows with positive and negative counts and the negative share")
            .Produces<SentimentSeriesView>().ProducesValidationProblem();
        app.MapGet("/v1/sentiment/{kind}/{id}", GetSeries).WithName("GetSentimentSeries")
            .WithSummary("A tag's or topic's (or item's) sentiment over time: kind is item, tag or topic")
            .Produces<SentimentSeriesView>().ProducesValidationProblem();
        app.MapGet("/v1/alerts/sentiment", GetAlerts).WithName("GetSentimentAlerts")
            .WithSummary("Sentiment alerts, newest first: windows whose negative share jumped beyond the series' usual range")
            .Produces<IReadOnlyList<SentimentAlertView>>().ProducesValidationProblem();
    }

    private static async Task<IResult> Train(HttpRequest request, TenantGrains grains)
    {
        var (document, error) = await RequestJson.ParseAsync(request, 64 << 10);
        if (document is null) return error!;
        using (document)
        {
            var (body, bad) = RequestJson.Read<SentimentTrainRequest>(document.RootElement);
            if (body is null) return bad!;
            var known = UnknownFields.Of<SentimentTrainRequest>();
            var warnings = UnknownFields.In(document.RootElement, known).Select(f => new FieldError(f, UnknownFields.Reason("a training request", known))).ToList();
            if (string.IsNullOrWhiteSpace(body.Data)) return Problems.BadRequest("data", "is required: a folder of *_labelled.txt files on the server");
            var run = await grains.Get<ISentimentModelGrain>(SentimentOptions.DefaultKey).StartTrainingAsync(body.Data, body.L2);
            return run.Status == SentimentTraining.Failed
                ? Problems.BadRequest(run.Field ?? "data", run.Reason ?? "was refused")
                : Results.Accepted("/v1/sentiment/train", new SentimentTrainingAnswer(run, warnings.Count > 0 ? warnings : null));
        }
    }

    private static async Task<IResult> GetTraining(TenantGrains grains) =>
        Results.Ok(await grains.Get<ISentimentModelGrain>(SentimentOptions.DefaultKey).GetTrainingAsync());

    private static async Task<IResult> Load(HttpRequest request, TenantGrains grains)
    {
        var (document, error) = await RequestJson.ParseAsync(request, MaxModelBytes);
        if (document is null) return error!;
        using (document)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(document.RootElement);
            return Answer(await grains.Get<ISentimentModelGrain>(SentimentOptions.DefaultKey).StoreAsync(bytes), []);
        }
    }

    private static IResult Answer(SentimentModelResult result, IReadOnlyList<FieldError> warnings) =>
        result.Model is { } model ? Results.Ok(new SentimentModelAnswer(model, warnings.Count > 0 ? warnings : null))
            : Problems.BadRequest(result.Field ?? "body", result.Reason ?? "was refused");

    private static async Task<IResult> GetModel(TenantGrains grains) =>
        await grains.Get<ISentimentModelGrain>(SentimentOptions.DefaultKey).GetLatestAsync() is { } model
            ? Results.Ok(model)
            : Results.Problem(detail: "no sentiment model is stored yet: POST /v1/sentiment/train or PUT /v1/sentiment/model", statusCode: StatusCodes.Status404NotFound);

    /// <summary>An item's series is its tenant's (the worker keys it by the logged, tenant-qualified item id).</summary>
    private static Task<IResult> GetItem(string itemId, IGrainFactory factory, TenantGrains grains) => GetSeries(SentimentKeys.Item, itemId, factory, grains);

    private static async Task<IResult> GetSeries(string kind, string id, IGrainFactory factory, TenantGrains grains)
    {
        if (!Kinds.Contains(kind)) return Problems.BadRequest("kind", $"must be one of {string.Join(", ", Kinds)}, got '{kind}'");
        if (EventValidator.CheckId(kind == SentimentKeys.Item ? "itemId" : "id", id) is { } bad) return Problems.BadRequest(bad.Field, bad.Reason);
        var key = SentimentKeys.Of(grains.Tenant, kind, id);
        return Results.Ok(TenantAnswers.Local(await factory.GetGrain<ISentimentSeriesGrain>(key).GetAsync()));
    }

    private static async Task<IResult> GetAlerts(TenantGrains grains,
        [Description("item, tag or topic; all when missing")] string? kind,
        [Description("only alerts on windows starting at or after this time (ISO 8601)")] DateTimeOffset? since,
        [Description("how many (1-1000, default 100)")] int? count)
    {
        if (kind is not null && !Kinds.Contains(kind)) return Problems.BadRequest("kind", $"must be one of {string.Join(", ", Kinds)}, got '{kind}'");
        if (count is < 1 or > MaxAlerts) return Problems.BadRequest("count", $"must be between 1 and {MaxAlerts}");
        var alerts = await grains.Get<ISentimentAlertsGrain>(SentimentOptions.DefaultKey).ListAsync(kind, since, count ?? 100);
        return Results.Ok(alerts.Select(TenantAnswers.Local).ToList());
    }
}

/// <summary>POST /v1/sentiment/train: the folder on the server and, optionally, the L2 penalty (otherwise each view is the mean of its fits at three penalties).</summary>
public sealed record SentimentTrainRequest(string? Data, double? L2);

/// <summary>The training run started (or the one already running), and fields of the request that were ignored.</summary>
public sealed record SentimentTrainingAnswer(SentimentTraining Training, IReadOnlyList<FieldError>? Warnings);

/// <summary>The model version stored, and fields of the request that were ignored.</summary>
public sealed record SentimentModelAnswer(SentimentModelView Model, IReadOnlyList<FieldError>? Warnings);
