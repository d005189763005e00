using ContentGrains.Abstractions;
using static ContentGrains.Silo.Api.TenantGrains;

namespace ContentGrains.Silo.Api;

/// <summary>
/// Answers carry the caller's ids, never the tenant-qualified keys the grains and the log hold
/// (<see cref="Core.Tenants.TenantKeys"/>). For the default tenant every id is unchanged.
/// </summary>
public static class TenantAnswers
{
    public static Feed Local(Feed feed) => feed with { UserId = Local(feed.UserId), Items = feed.Items.Select(Local).ToList() };

    public static FeedItem Local(FeedItem item) => item with { ItemId = Local(item.ItemId) };

    public static ItemList Local(ItemList list) => list with { Of = Local(list.Of), Items = list.Items.Select(Local).ToList() };

    public static AlsoList Local(AlsoList also) => also with
    {
        ItemId = Local(also.ItemId),
        Rules = also.Rules.Select(r => r with { If = r.If.Select(Local).ToList(), ItemId = Local(r.ItemId) }).ToList(),
    };

    public static UserProfileView Local(UserProfileView profile) => profile with
    {
        UserId = Local(profile.UserId),
        Recent = profile.Recent.Select(r => r with { ItemId = Local(r.ItemId) }).ToList(),
    };

    public static UserSegment Local(UserSegment segment) => segment with { UserId = Local(segment.UserId) };

    public static UserErasure Local(UserErasure erasure) => erasure with { UserId = Local(erasure.UserId) };

    public static UserExport Local(UserExport export) => export with
    {
        UserId = Local(export.UserId),
        Profile = Local(export.Profile),
        Segment = Local(export.Segment),
        Exposure = export.Exposure with
        {
            Sends = export.Exposure.Sends.Select(s => s with { ItemId = Local(s.ItemId) }).ToList(),
        },
    };

    public static VariantTestView Local(VariantTestView test) => test with { ItemId = Local(test.ItemId) };

    public static UserTopics Local(UserTopics topics) => topics with { UserId = Local(topics.UserId) };

    public static ExperimentView? Local(ExperimentView? view) => view is null ? null : view with { Id = Local(view.Id) };

    public static ExperimentAssignment Local(ExperimentAssignment a) => a with { ExperimentId = Local(a.ExperimentId), UserId = Local(a.UserId) };

    public static ExperimentResults Local(ExperimentResults results) => results with { Id = Local(results.Id) };

    public static ExportedEvent Local(ExportedEvent e) => e with { EventId = Local(e.EventId), ItemId = Local(e.ItemId) };
}
