using ContentGrains.Core.Catalog;
using ContentGrains.Core.Feed;

namespace ContentGrains.Core.Privacy;

/// <summary>
/// The feed of a person who withdrew consent to personalisation: built from the catalog alone (trending, fresh,
/// exploration) as for a stranger, with no model, no click model and no profile, and every reason saying so.
/// </summary>
public static class NonPersonalFeed
{
    public const string ModelName = "non-personal";
    public const string ReasonSuffix = " (not personalised: personalisation withdrawn)";

    public static IReadOnlyList<RankedItem> Build(FeedPipeline pipeline, CatalogSnapshot catalog, string userId, DateTimeOffset now, int count, string? channel,
        Candidates.ItemFilter? filter = null) =>
        pipeline.Build(catalog, model: null, FeedUser.Anonymous(userId), now, count, channel, filter: filter)
            .Select(item => item with { Reason = item.Reason + ReasonSuffix }).ToList();
}
