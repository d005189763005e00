using System.Text.Json;
using ContentGrains.Abstractions;
using ContentGrains.Grains;

namespace ContentGrains.Silo.Api;

/// <summary>PUT/GET /v1/items/{itemId} and the bulk POST /v1/items.</summary>
public static class ItemsEndpoints
{
    /// <summary>An item of a bulk import: the metadata fields plus its id.</summary>
    public sealed record ItemUpsertBody(string? ItemId, string? Title, string? Text, List<string>? Tags, string? Format,
        string? Creator, DateTimeOffset? PublishedAt, List<string>? Channels, List<HeadlineVariantSpec>? Variants = null);

    /// <summary>An item as GET shows it: metadata at the top level, counters under "stats".</summary>
    public sealed record ItemResponse(string ItemId, string? Title, string? Text, IReadOnlyList<string>? Tags, string? Format,
        string? Creator, DateTimeOffset? PublishedAt, IReadOnlyList<string>? Channels, ItemStats Stats,
        IReadOnlyList<HeadlineVariantSpec>? Variants = null);

    /// <summary>One item: a title, a 4,000-character text, tags, channels and ten variants fit many times over.</summary>
    public const long MaxItemBodyBytes = 1024 * 1024;
    /// <summary>A bulk import: 10,000 such items at about 6 KB each.</summary>
    public const long MaxBulkBodyBytes = 64L * 1024 * 1024;

    private static readonly IReadOnlySet<string> ItemFields = UnknownFields.Of<ItemMetadata>();
    private static readonly IReadOnlySet<string> UpsertFields = UnknownFields.Of<ItemUpsertBody>();

    public static void MapItems(this IEndpointRouteBuilder app)
    {
        app.MapPut("/v1/items/{itemId}", PutItem).WithName("PutItem").WithSummary("Create or replace an item's metadata")
            .Accepts<ItemMetadata>("application/json").Produces(StatusCodes.Status204NoContent).ProducesValidationProblem();
        app.MapPost("/v1/items", PostItems).WithName("PostItems").WithSummary("Create or replace many items")
            .Accepts<ItemUpsertBody[]>("application/json").Produces<ImportResult>().ProducesValidationProblem();
        app.MapGet("/v1/items/{itemId}", GetItem).WithName("GetItem").WithSummary("An item's metadata and live counters")
            .Produces<ItemResponse>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> PutItem(string itemId, HttpRequest request, TenantGrains grains, CatalogCache catalog)
    {
        var idProblem = Core.Events.EventValidator.CheckId("itemId", itemId);
        if (idProblem is not null) return Problems.BadRequest(idProblem.Field, idProblem.Reason);
        var (document, error) = await RequestJson.ParseAsync(request, MaxItemBodyBytes);
        if (error is not null) return error;
        using (document)
        {
            var (metadata, typeError) = RequestJson.Read<ItemMetadata>(document!.RootElement);
            if (typeError is not null) return typeError;
            var problems = await grains.Get<IItemGrain>(itemId).PutAsync(metadata!);
            if (problems.Count > 0) return Problems.Invalid(problems.Select(p => (p.Field, p.Reason)));
            await catalog.GetAsync(grains.Tenant, fresh: true); // as a bulk import does: this silo's next feed can show it
            var unknown = UnknownFields.In(document.RootElement, ItemFields).Select(n => new FieldError(n, UnknownFields.Reason("an item", ItemFields))).ToList();
            return unknown.Count == 0 ? Results.NoContent() : Results.Ok(new ItemWriteWarnings(unknown));
        }
    }

    private static async Task<IResult> PostItems(HttpRequest request, TenantGrains grains)
    {
        var (document, error) = await RequestJson.ParseAsync(request, MaxBulkBodyBytes);
        if (error is not null) return error;
        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind != JsonValueKind.Array) return Problems.BadRequest("body", "must be a JSON array of items");
            if (root.GetArrayLength() > ContentGrainsNames.MaxItemsPerBatch)
                return Problems.TooLarge($"a batch holds at most {ContentGrainsNames.MaxItemsPerBatch} items, got {root.GetArrayLength()}");

            var rejected = new List<Rejection>();
            var warnings = new List<Rejection>();
            var upserts = new List<ItemUpsert>();
            var originalIndex = new List<int>();
            var index = 0;
            foreach (var element in root.EnumerateArray())
            {
                try
                {
                    var body = element.Deserialize<ItemUpsertBody>(RequestJson.Options)
                        ?? throw new JsonException("an item must be a JSON object", "$", null, null);
                    upserts.Add(new ItemUpsert(body.ItemId, new ItemMetadata
                    {
                        Title = body.Title, Text = body.Text, Tags = body.Tags, Format = body.Format,
                        Creator = body.Creator, PublishedAt = body.PublishedAt, Channels = body.Channels,
                        Variants = body.Variants,
                    }));
                    originalIndex.Add(index);
                    warnings.AddRange(UnknownFields.In(element, UpsertFields).Select(n => UnknownFields.Warning(index, n, "an item", UpsertFields)));
                }
                catch (JsonException e)
                {
                    var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "item" : e.Path.TrimStart('$', '.');
                    rejected.Add(new Rejection(index, field, "has the wrong type"));
                }
                index++;
            }
            var result = await grains.Worker<IItemImportGrain>().PutManyForAsync(grains.Tenant, upserts);
            rejected.AddRange(result.Rejected.Select(r => r with { Index = originalIndex[r.Index] }));
            return Results.Ok(result with { Rejected = rejected.OrderBy(r => r.Index).ToList(), Warnings = warnings.Count == 0 ? null : warnings });
        }
    }

    private static async Task<IResult> GetItem(string itemId, TenantGrains grains)
    {
        var idProblem = Core.Events.EventValidator.CheckId("itemId", itemId);
        if (idProblem is not null) return Problems.BadRequest(idProblem.Field, idProblem.Reason);
        var view = await grains.Get<IItemGrain>(itemId).GetAsync();
        if (view is null) return Results.Problem(detail: $"no item '{itemId}'", statusCode: StatusCodes.Status404NotFound);
        var m = view.Metadata;
        return Results.Ok(new ItemResponse(itemId, m?.Title, m?.Text, m?.Tags, m?.Format, m?.Creator, m?.PublishedAt, m?.Channels, view.Stats, m?.Variants));
    }
}
