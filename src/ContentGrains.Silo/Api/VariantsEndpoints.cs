using System.Text.Json;
using ContentGrains.Abstractions;
using ContentGrains.Core.Events;
using ContentGrains.Core.Text;
using ContentGrains.Core.Variants;
using ContentGrains.Grains;

namespace ContentGrains.Silo.Api;

/// <summary>
/// Headline tests and summaries: GET /v1/items/{itemId}/variants, POST .../variants/stop, GET .../summaries and
/// POST .../variants/from-summaries. Variants themselves are set with the item's metadata (PUT /v1/items/{itemId}).
/// </summary>
public static class VariantsEndpoints
{
    public const int MaxSummaries = VariantValidator.MaxVariants;

    /// <summary>The body of a stop: the variant to serve from now on, or none for the leader (the winner, when declared).</summary>
    public sealed record StopBody(string? VariantId);

    /// <summary>Summary candidates, best first, and the variants they would make (a body for PUT /v1/items/{itemId}'s "variants").</summary>
    public sealed record SummariesResponse(string ItemId, IReadOnlyList<SummaryCandidate> Candidates, IReadOnlyList<HeadlineVariantSpec> Variants);

    public static void MapVariants(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/items/{itemId}/variants", GetVariants).WithName("GetVariants")
            .WithSummary("The item's headline test: each variant's impressions, clicks, posterior mean and 95% interval, P(best); the state")
            .Produces<VariantTestView>().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPost("/v1/items/{itemId}/variants/stop", Stop).WithName("StopVariants")
            .WithSummary("Stop the headline test: feeds serve the given variant (body {\"variantId\": …}), or the leader, from now on")
            .Accepts<StopBody>("application/json").Produces<VariantTestView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/v1/items/{itemId}/summaries", GetSummaries).WithName("GetSummaries")
            .WithSummary("Extractive summary candidates of the item's text, ranked by MiniLM centrality, with the variants they would make")
            .Produces<SummariesResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPost("/v1/items/{itemId}/variants/from-summaries", FromSummaries).WithName("VariantsFromSummaries")
            .WithSummary("Add the top summary candidates to the item's headline test as variants (with an 'original' control when it had none)")
            .Produces<VariantTestView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> GetVariants(string itemId, TenantGrains grains)
    {
        if (EventValidator.CheckId("itemId", itemId) is { } bad) return Problems.BadRequest(bad.Field, bad.Reason);
        var test = await grains.Get<IItemGrain>(itemId).GetVariantsAsync();
        return test is null ? NoTest(itemId) : Results.Ok(TenantAnswers.Local(test));
    }

    private static async Task<IResult> Stop(string itemId, HttpRequest request, TenantGrains grains)
    {
        if (EventValidator.CheckId("itemId", itemId) is { } bad) return Problems.BadRequest(bad.Field, bad.Reason);
        // The body is optional (an empty POST stops on the leader), and chunked bodies carry no Content-Length: read it whole.
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        StopBody body;
        try { body = string.IsNullOrWhiteSpace(text) ? new StopBody(null) : JsonSerializer.Deserialize<StopBody>(text, RequestJson.Options) ?? new StopBody(null); }
        catch (JsonException error) { return Problems.BadRequest("body", $"must be {{\"variantId\": \"…\"}} or empty: {error.Message}"); }
        var stop = await grains.Get<IItemGrain>(itemId).StopVariantsAsync(body.VariantId);
        return stop.Status switch
        {
            VariantStopStatus.Stopped => Results.Ok(TenantAnswers.Local(stop.Test!)),
            VariantStopStatus.UnknownVariant => Problems.BadRequest("variantId",
                $"'{body.VariantId}' is not one of the item's variants ({string.Join(", ", stop.Test!.Variants.Select(v => v.VariantId))})"),
            _ => NoTest(itemId),
        };
    }

    private static async Task<IResult> GetSummaries(string itemId, int? count, TenantGrains grains, ITextEncoder encoder)
    {
        var (item, candidates, error) = await CandidatesAsync(itemId, count, grains, encoder);
        if (error is not null) return error;
        var variants = SummaryVariants.Offer(item!.Title, ToCore(item.Variants), candidates!);
        return Results.Ok(new SummariesResponse(itemId, candidates!, variants.Select(v => new HeadlineVariantSpec
            { Id = v.Id, Headline = v.Headline, ThumbnailUrl = v.ThumbnailUrl, Summary = v.Summary }).ToList()));
    }

    private static async Task<IResult> FromSummaries(string itemId, int? count, TenantGrains grains, ITextEncoder encoder)
    {
        var (item, candidates, error) = await CandidatesAsync(itemId, count, grains, encoder);
        if (error is not null) return error;
        var variants = SummaryVariants.Offer(item!.Title, ToCore(item.Variants), candidates!);
        var grain = grains.Get<IItemGrain>(itemId);
        var problems = await grain.PutAsync(item with { Variants = variants.Select(v => new HeadlineVariantSpec
            { Id = v.Id, Headline = v.Headline, ThumbnailUrl = v.ThumbnailUrl, Summary = v.Summary }).ToList() });
        if (problems.Count > 0) return Problems.Invalid(problems.Select(p => (p.Field, p.Reason)));
        return await grain.GetVariantsAsync() is { } test ? Results.Ok(TenantAnswers.Local(test)) : NoTest(itemId);
    }

    private static async Task<(ItemMetadata? Item, IReadOnlyList<SummaryCandidate>? Candidates, IResult? Error)> CandidatesAsync(
        string itemId, int? count, TenantGrains grains, ITextEncoder encoder)
    {
        if (EventValidator.CheckId("itemId", itemId) is { } bad) return (null, null, Problems.BadRequest(bad.Field, bad.Reason));
        if (count is < 1 or > MaxSummaries) return (null, null, Problems.BadRequest("count", $"must be between 1 and {MaxSummaries}"));
        var item = (await grains.Get<IItemGrain>(itemId).GetAsync())?.Metadata;
        if (item is null) return (null, null, Results.Problem(detail: $"no item '{itemId}' with metadata", statusCode: StatusCodes.Status404NotFound));
        var candidates = new ExtractiveSummarizer(encoder).Candidates(item.Text, count ?? 3);
        if (candidates.Count == 0)
            return (null, null, Problems.BadRequest("text", $"item '{itemId}' has no sentence of {ExtractiveSummarizer.MinWords} or more words to summarise"));
        return (item, candidates, null);
    }

    private static IReadOnlyList<HeadlineVariant>? ToCore(IReadOnlyList<HeadlineVariantSpec>? specs) =>
        specs?.Select(s => new HeadlineVariant(s.Id!, s.Headline!, s.ThumbnailUrl, s.Summary)).ToList();

    private static IResult NoTest(string itemId) =>
        Results.Problem(detail: $"item '{itemId}' has no headline variants", statusCode: StatusCodes.Status404NotFound);
}
