using ContentGrains.Abstractions;
using ContentGrains.Core.Events;
using ContentGrains.Core.Topics;
using ContentGrains.Core.Vectors;
using ContentGrains.Grains;

namespace ContentGrains.Silo.Api;

/// <summary>
/// GET /v1/topics (each topic's name, words and size, the method and how k was chosen), GET /v1/topics/{topicId} (its
/// top items), GET /v1/items/{itemId}/topics (the item's mixture), GET /v1/users/{userId}/topics (the person's live
/// interests) and POST /v1/topics/fit. Each tenant fits and reads its own topics, over its own items
/// (<see cref="Core.Tenants.TenantJobs"/>); item ids in answers are the tenant's own.
/// </summary>
public static class TopicsEndpoints
{
    /// <summary>A topic as listed: id, name, words with their c-TF-IDF weight, and how many items have it as main topic.</summary>
    public sealed record TopicSummary(int Id, string Name, IReadOnlyList<TopicWord> Words, int Size);

    /// <summary>What GET /v1/topics answers: the served version, how it was fitted (every k tried with its score), its topics.</summary>
    public sealed record TopicsView(long? Version, string? Method, string? KChosenBy, IReadOnlyList<TopicCountScore> Tried, DateTimeOffset? FittedAt,
        int Items, IReadOnlyList<TopicSummary> Topics);

    /// <summary>An item in a topic: its id, title and its share of the topic in its mixture.</summary>
    public sealed record TopicItem(string ItemId, string? Title, double Share);

    public sealed record TopicDetail(long Version, TopicSummary Topic, IReadOnlyList<TopicItem> Items);

    public sealed record ItemTopicsView(string ItemId, long Version, bool Fitted, IReadOnlyList<TopicShareView> Mixture);

    public static void MapTopics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/topics", GetTopics).WithName("GetTopics")
            .WithSummary("The served topics: each topic's name, words and size, the method, and how k was chosen (every k tried with its score)")
            .Produces<TopicsView>();
        app.MapGet("/v1/topics/{topicId}", GetTopic).WithName("GetTopic")
            .WithSummary("One topic with its top items (the items most inside it)")
            .Produces<TopicDetail>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/v1/items/{itemId}/topics", GetItemTopics).WithName("GetItemTopics")
            .WithSummary("The item's topic mixture (from the fit, or from its text vector when it came later)")
            .Produces<ItemTopicsView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/v1/users/{userId}/topics", GetUserTopics).WithName("GetUserTopics")
            .WithSummary("The person's topic interests now, kept live from every event")
            .Produces<UserTopics>().ProducesValidationProblem();
        app.MapPost("/v1/topics/fit", Fit).WithName("FitTopics")
            .WithSummary("Fit the topics over the catalog's item text vectors now (also run every Topics:Interval); waits for the run")
            .Produces<TopicsRun>().ProducesProblem(StatusCodes.Status500InternalServerError);
    }

    private static async Task<IResult> GetTopics(TenantGrains grains, TopicBookCache topics)
    {
        var book = await topics.RefreshAsync(grains.Tenant);
        return Results.Ok(book is null
            ? new TopicsView(null, null, null, [], null, 0, [])
            : new TopicsView(book.Version, book.Topics.Method, book.Topics.KChosenBy, book.Topics.Tried, book.Topics.FittedAt, book.Topics.Items.Count,
                book.Topics.Topics.Select(Summary).ToList()));
    }

    private static async Task<IResult> GetTopic(string topicId, TenantGrains grains, TopicBookCache topics, CatalogCache catalog)
    {
        if (!int.TryParse(topicId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            return Problems.BadRequest("topicId", $"'{topicId}' is not a topic number (0, 1, …)");
        if (await topics.RefreshAsync(grains.Tenant) is not { } book) return NoTopics();
        if (book.Find(id) is not { } topic)
            return Results.Problem(detail: $"no topic {id}: the served topics are 0 to {book.Count - 1}", statusCode: StatusCodes.Status404NotFound);
        var items = await catalog.GetAsync(grains.Tenant);
        return Results.Ok(new TopicDetail(book.Version, Summary(topic), topic.TopItems
            .Select(i => new TopicItem(Core.Tenants.TenantKeys.IdOf(i), items.Find(i)?.Title, ShareOf(book.Of(i), id))).ToList()));
    }

    private static async Task<IResult> GetItemTopics(string itemId, TenantGrains grains, TopicBookCache topics, IItemVectorStore vectors)
    {
        if (EventValidator.CheckId("itemId", itemId) is { } bad) return Problems.BadRequest(bad.Field, bad.Reason);
        if (await topics.RefreshAsync(grains.Tenant) is not { } book) return NoTopics();
        var key = Core.Tenants.TenantKeys.Qualify(grains.Tenant, itemId); // topics and text vectors hold the tenant's keys
        var fitted = book.Of(key);
        var mixture = fitted ?? (await vectors.GetAsync(key) is { } stored ? book.MixtureOf(key, stored.Vector) : null);
        if (mixture is null)
            return Results.Problem(detail: $"item '{itemId}' has no topics: it has no text vector (no title or text, or not encoded yet)",
                statusCode: StatusCodes.Status404NotFound);
        return Results.Ok(new ItemTopicsView(itemId, book.Version, fitted is not null,
            mixture.ToShares().Select(s => new TopicShareView(s.Topic, book.NameOf(s.Topic) ?? "", s.Share)).ToList()));
    }

    private static async Task<IResult> GetUserTopics(string userId, TenantGrains grains)
    {
        if (EventValidator.CheckId("userId", userId) is { } bad) return Problems.BadRequest(bad.Field, bad.Reason);
        return Results.Ok(TenantAnswers.Local(await grains.Get<IUserGrain>(userId).GetTopicsAsync()));
    }

    private static async Task<IResult> Fit(TenantGrains grains)
    {
        var run = await grains.Job<ITopicsGrain>().FitAsync();
        if (run.Error is null) return Results.Ok(run);
        // Too few items is the catalog's state (409: add items, then fit); anything else is the engine's fault.
        return Results.Problem(detail: run.Error, statusCode: run.TooFewItems ? StatusCodes.Status409Conflict : StatusCodes.Status500InternalServerError);
    }

    private static TopicSummary Summary(CatalogTopic t) => new(t.Id, t.Name, t.Words, t.Size);

    private static double ShareOf(ItemTopics? item, int topic) =>
        item is null ? 0 : item.ToShares().FirstOrDefault(s => s.Topic == topic)?.Share ?? 0;

    private static IResult NoTopics() =>
        Results.Problem(detail: "no topics fitted yet: POST /v1/topics/fit (or wait for Topics:Interval)", statusCode: StatusCodes.Status404NotFound);
}
