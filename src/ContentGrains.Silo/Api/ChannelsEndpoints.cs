using ContentGrains.Abstractions;
using ContentGrains.Core.Channels;
using ContentGrains.Core.Events;

namespace ContentGrains.Silo.Api;

/// <summary>
/// Channels: PUT/GET /v1/channels/{id} (rules), GET /v1/channels/{id}/plan (a schedule for one page of people),
/// POST /v1/channels/{id}/sends (what was sent), POST /v1/channels/{id}/learn; and a person's time zone,
/// PUT/GET /v1/users/{userId}/settings.
/// </summary>
public static class ChannelsEndpoints
{
    public const int MaxSendsPerBatch = 10_000;

    public sealed record SendsBody(List<SendSpec>? Sends);

    public static void MapChannels(this IEndpointRouteBuilder app)
    {
        app.MapPut("/v1/channels/{id}", PutRules).WithName("PutChannel")
            .WithSummary("Create or replace a channel's rules: formats, caps per day and week, shared daily cap, gap, quiet hours, cost, fatigue")
            .Accepts<ChannelRulesSpec>("application/json").Produces<ChannelView>().ProducesValidationProblem();
        app.MapGet("/v1/channels/{id}", Get).WithName("GetChannel").WithSummary("A channel's rules and what its send-time model learned")
            .Produces<ChannelView>().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/v1/channels/{id}/plan", Plan).WithName("PlanChannel")
            .WithSummary("A send plan over ?horizon= (e.g. 24h, 3d; at most 7d) for one page of people (?after=, ?persons=): item, person, segment, time, expected opens and clicks")
            .Produces<ChannelPlan>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPost("/v1/channels/{id}/sends", RecordSends).WithName("RecordChannelSends")
            .WithSummary("Record sends that were made; each person's user grain refuses one that would break a rule, reported per entry")
            .Accepts<SendsBody>("application/json").Produces<SendsResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPost("/v1/channels/{id}/learn", Learn).WithName("LearnChannelSendTimes")
            .WithSummary("Learn send times (opens by local hour of week) from the event log now").Produces<SendTimeSummary>();
        app.MapPut("/v1/users/{userId}/settings", PutSettings).WithName("PutUserSettings")
            .WithSummary("A person's settings: timeZone, an IANA id such as Europe/Paris (quiet hours and caps use it)")
            .Accepts<UserSettings>("application/json").Produces<UserSettings>().ProducesValidationProblem();
        app.MapGet("/v1/users/{userId}/settings", GetSettings).WithName("GetUserSettings").Produces<UserSettings>().ProducesValidationProblem();
    }

    private static async Task<IResult> PutRules(string id, HttpRequest request, TenantGrains grains)
    {
        if (EventValidator.CheckId("id", id) is { } bad) return Problems.BadRequest(bad.Field, bad.Reason);
        var (body, error) = await RequestJson.ReadAsync<ChannelRulesSpec>(request);
        if (error is not null) return error;
        var grain = grains.Get<IChannelGrain>(id);
        var errors = await grain.PutRulesAsync(body!);
        return errors.Count > 0 ? Problems.Invalid(errors.Select(e => (e.Field, e.Reason))) : Results.Ok(TenantAnswers.Local(await grain.GetAsync()));
    }

    private static async Task<IResult> Get(string id, TenantGrains grains)
    {
        if (EventValidator.CheckId("id", id) is { } bad) return Problems.BadRequest(bad.Field, bad.Reason);
        return await grains.Get<IChannelGrain>(id).GetAsync() is { } view ? Results.Ok(TenantAnswers.Local(view)) : NotFound(id);
    }

    private static async Task<IResult> Plan(string id, TenantGrains grains, string? horizon, string? after, int? persons)
    {
        if (EventValidator.CheckId("id", id) is { } bad) return Problems.BadRequest(bad.Field, bad.Reason);
        var (hours, problem) = HorizonHours(horizon ?? "24h");
        if (problem is not null) return Problems.BadRequest("horizon", problem);
        if (persons is < 1 or > 100_000) return Problems.BadRequest("persons", "must be between 1 and 100000 (a page is capped by Channels:MaxPersonsPerPlan)");
        return await grains.Get<IChannelGrain>(id).PlanAsync(hours, after, persons ?? int.MaxValue) is { } plan ? Results.Ok(TenantAnswers.Local(plan)) : NotFound(id);
    }

    private static async Task<IResult> RecordSends(string id, HttpRequest request, TenantGrains grains)
    {
        if (EventValidator.CheckId("id", id) is { } bad) return Problems.BadRequest(bad.Field, bad.Reason);
        var (body, error) = await RequestJson.ReadAsync<SendsBody>(request);
        if (error is not null) return error;
        if (body!.Sends is not { Count: > 0 and <= MaxSendsPerBatch } sends) return Problems.BadRequest("sends", $"must hold 1 to {MaxSendsPerBatch} sends");
        return await grains.Get<IChannelGrain>(id).RecordSendsAsync(sends) is { } result ? Results.Ok(result) : NotFound(id);
    }

    private static async Task<IResult> Learn(string id, TenantGrains grains)
    {
        if (EventValidator.CheckId("id", id) is { } bad) return Problems.BadRequest(bad.Field, bad.Reason);
        return Results.Ok(await grains.Get<IChannelGrain>(id).LearnAsync());
    }

    private static async Task<IResult> PutSettings(string userId, HttpRequest request, TenantGrains grains)
    {
        if (EventValidator.CheckId("userId", userId) is { } bad) return Problems.BadRequest(bad.Field, bad.Reason);
        var (body, error) = await RequestJson.ReadAsync<UserSettings>(request);
        if (error is not null) return error;
        var user = grains.Get<IUserGrain>(userId);
        var errors = await user.PutSettingsAsync(body!);
        return errors.Count > 0 ? Problems.Invalid(errors.Select(e => (e.Field, e.Reason))) : Results.Ok(await user.GetSettingsAsync());
    }

    private static async Task<IResult> GetSettings(string userId, TenantGrains grains)
    {
        if (EventValidator.CheckId("userId", userId) is { } bad) return Problems.BadRequest(bad.Field, bad.Reason);
        return Results.Ok(await grains.Get<IUserGrain>(userId).GetSettingsAsync());
    }

    /// <summary>"24h", "3d" or a number of hours; between 1 hour and <see cref="ChannelPlanner.MaxHorizonHours"/>.</summary>
    public static (int Hours, string? Problem) HorizonHours(string text)
    {
        var unit = text.Length > 0 && char.IsLetter(text[^1]) ? char.ToLowerInvariant(text[^1]) : 'h';
        var number = char.IsLetter(text.Length > 0 ? text[^1] : ' ') ? text[..^1] : text;
        if (unit is not ('h' or 'd') || !int.TryParse(number, out var value) || value < 1)
            return (0, "must be a whole number of hours or days, such as 24h or 3d");
        var hours = unit == 'd' ? (long)value * 24 : value;
        return hours > ChannelPlanner.MaxHorizonHours ? (0, $"must be at most {ChannelPlanner.MaxHorizonHours}h (7d)") : ((int)hours, null);
    }

    private static IResult NotFound(string id) =>
        Results.Problem($"channel {id} has no rules yet (PUT /v1/channels/{id} first)", statusCode: StatusCodes.Status404NotFound);
}
