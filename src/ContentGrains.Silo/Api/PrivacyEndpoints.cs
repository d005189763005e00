using System.Text.Json;
using ContentGrains.Abstractions;
using ContentGrains.Core.Events;
using ContentGrains.Core.Privacy;
using ContentGrains.Grains;
using ContentGrains.Silo.Security;

namespace ContentGrains.Silo.Api;

/// <summary>
/// A person's privacy: DELETE /v1/users/{userId} (admin), GET /v1/users/{userId}/export (admin), PUT and GET
/// /v1/users/{userId}/consent (ingest, read); GET /v1/privacy/audit and POST /v1/privacy/retention/run (admin). Each
/// tenant reads only its own audit entries. Retention is the install's: one setting, one run over every tenant's rows,
/// which only the default tenant's admin key may start (a tenant's key gets 403: its run would expire other tenants' rows).
/// </summary>
public static class PrivacyEndpoints
{
    /// <summary>Events per page of an export: the silo holds one page at a time, however long the history.</summary>
    public const int ExportPageEvents = 1_000;
    public const int MaxAuditEntries = 1_000;
    private const long MaxConsentBodyBytes = 4 * 1024;

    /// <summary>The body of PUT /v1/users/{userId}/consent: both fields required.</summary>
    public sealed record ConsentBody(bool? Personalisation, bool? Tracking);

    /// <summary>The answer to a consent write: the consent now, and the fields of the body that were ignored.</summary>
    public sealed record ConsentAnswer(bool Personalisation, bool Tracking, DateTimeOffset? UpdatedAt, IReadOnlyList<FieldError>? Warnings);

    public static void MapPrivacy(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/v1/users/{userId}", Delete).WithName("DeleteUser")
            .WithSummary("Erase a person: profile and snapshot, history, every event-log row (and so their dedupe entries), segment inputs, "
                + "channel exposure; their grain is deactivated and the deletion is logged in the privacy audit. Idempotent.")
            .Produces<UserErasure>().ProducesValidationProblem();
        app.MapGet("/v1/users/{userId}/export", Export).WithName("ExportUser")
            .WithSummary("Everything held about a person as one JSON document: profile, settings, segment, consent, exposure, and every "
                + "event of theirs in the log (streamed a page at a time)")
            .Produces<UserExport>().ProducesValidationProblem();
        app.MapPut("/v1/users/{userId}/consent", PutConsent).WithName("PutUserConsent")
            .WithSummary("A person's consent: personalisation (profile and personal feed) and tracking (events stored), both true or false")
            .Accepts<ConsentBody>("application/json").Produces<ConsentAnswer>().ProducesValidationProblem();
        app.MapGet("/v1/users/{userId}/consent", GetConsent).WithName("GetUserConsent").Produces<ConsentView>().ProducesValidationProblem();
        app.MapGet("/v1/privacy/audit", Audit).WithName("GetPrivacyAudit")
            .WithSummary("The newest privacy actions (?limit=, 1-1000, default 100): deletions, consent changes, exports, retention runs; "
                + "persons appear as the SHA-256 of their id").Produces<IReadOnlyList<PrivacyAuditEntry>>().ProducesValidationProblem();
        app.MapPost("/v1/privacy/retention/run", RunRetention).WithName("RunRetention")
            .WithSummary("Expire events older than ContentGrains:Engine:Retention:EventDays now, as the reminder does (the install's run: a key of the default tenant only)")
            .Produces<RetentionRun>().ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>The name of the API key that made the request, for the audit; "local" on a silo without keys (loopback only).</summary>
    public static string KeyName(HttpContext context) => context.Items[ApiKeyMiddleware.KeyNameItem] as string ?? "local";

    private static async Task<IResult> Delete(string userId, HttpContext context, TenantGrains grains)
    {
        if (EventValidator.CheckId("userId", userId) is { } bad) return Problems.BadRequest(bad.Field, bad.Reason);
        return Results.Ok(TenantAnswers.Local(await grains.Get<IUserPrivacyGrain>(userId).EraseAsync(KeyName(context))));
    }

    private static async Task<IResult> GetConsent(string userId, TenantGrains grains)
    {
        if (EventValidator.CheckId("userId", userId) is { } bad) return Problems.BadRequest(bad.Field, bad.Reason);
        return Results.Ok(await grains.Get<IUserPrivacyGrain>(userId).GetConsentAsync());
    }

    private static async Task<IResult> PutConsent(string userId, HttpRequest request, TenantGrains grains)
    {
        if (EventValidator.CheckId("userId", userId) is { } bad) return Problems.BadRequest(bad.Field, bad.Reason);
        var (document, error) = await RequestJson.ParseAsync(request, MaxConsentBodyBytes);
        if (error is not null) return error;
        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Problems.BadRequest("body", "must be a JSON object { \"personalisation\": true|false, \"tracking\": true|false }");
            var (body, typeError) = RequestJson.Read<ConsentBody>(root);
            if (typeError is not null) return typeError;
            if (body!.Personalisation is not { } personalisation) return Problems.BadRequest("personalisation", "is required: true or false");
            if (body.Tracking is not { } tracking) return Problems.BadRequest("tracking", "is required: true or false");
            var known = UnknownFields.Of<ConsentBody>();
            var warnings = UnknownFields.In(root, known).Select(name => new FieldError(name, UnknownFields.Reason("a consent", known))).ToList();
            var consent = await grains.Get<IUserPrivacyGrain>(userId).PutConsentAsync(personalisation, tracking, KeyName(request.HttpContext));
            return Results.Ok(new ConsentAnswer(consent.Personalisation, consent.Tracking, consent.UpdatedAt, warnings.Count == 0 ? null : warnings));
        }
    }

    /// <summary>
    /// Streams one JSON object: the person's held data, then "events" filled a page at a time from the log, flushed as
    /// it goes, so a long history never sits in the silo's memory whole.
    /// </summary>
    private static async Task Export(string userId, HttpContext context, TenantGrains grains)
    {
        if (EventValidator.CheckId("userId", userId) is { } bad)
        {
            await Problems.BadRequest(bad.Field, bad.Reason).ExecuteAsync(context);
            return;
        }
        var grain = grains.Get<IUserPrivacyGrain>(userId);
        var held = TenantAnswers.Local(await grain.ExportAsync(KeyName(context)));
        var options = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        context.Response.ContentType = "application/json; charset=utf-8";
        // On the response's pipe, not its stream: the serializer flushes synchronously, which Kestrel refuses on a stream.
        var body = context.Response.BodyWriter;
        await using var writer = new Utf8JsonWriter(body);
        writer.WriteStartObject();
        foreach (var property in JsonSerializer.SerializeToElement(held, options).EnumerateObject()) property.WriteTo(writer);
        writer.WriteStartArray("events");
        long count = 0;
        long? next = 0;
        while (next is { } after)
        {
            var page = await grain.GetEventsPageAsync(after, ExportPageEvents);
            foreach (var e in page.Events) JsonSerializer.Serialize(writer, TenantAnswers.Local(e), options);
            count += page.Events.Count;
            next = page.NextAfter;
            writer.Flush();
            await body.FlushAsync(context.RequestAborted);
        }
        writer.WriteEndArray();
        writer.WriteNumber("eventCount", count);
        writer.WriteEndObject();
        writer.Flush();
        await body.FlushAsync(context.RequestAborted);
    }

    private static async Task<IResult> Audit(IPrivacyAudit audit, TenantGrains grains, int? limit)
    {
        var n = limit ?? 100;
        if (n is < 1 or > MaxAuditEntries) return Problems.BadRequest("limit", $"must be between 1 and {MaxAuditEntries}");
        return Results.Ok(await audit.ReadLatestAsync(n, grains.Tenant));
    }

    private static async Task<IResult> RunRetention(IGrainFactory grains, TenantGrains tenant) => tenant.Tenant.Length == 0
        ? Results.Ok(await grains.GetGrain<IRetentionGrain>(RetentionGrain.Key).RunAsync())
        : Results.Problem(detail: $"retention is the install's (one setting, every tenant's rows): only a key of the default tenant may run it, not one of tenant '{tenant.Tenant}'",
            statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
}
