using ContentGrains.Abstractions;
using ContentGrains.Core.Tenants;

namespace ContentGrains.Silo.Api;

/// <summary>
/// Answers carry the caller's ids, never the tenant-qualified keys the grains and the log hold
/// (<see cref="Core.Tenants.TenantKeys"/>). For the default tenant every id is unchanged.
/// </summary>
public static class TenantAnswers
{
    /// <summary>
    /// The feed as the caller names its ids. A feed whose ids are all local already (every feed of the default tenant) is
    /// answered as it is: copying it cost each request a new list and record per item for nothing (feed p99 work, issue 9).
    /// </summary>
    public static Feed Local(Feed feed) => IsLocal(feed) ? feed
        : LocalModels(feed with { UserId = Caller(feed.UserId), Items = feed.Items.Select(i => Local(i)).ToList() });

    public static FeedItem Local(FeedItem item) => item with { ItemId = Caller(item.ItemId) };

    public static ItemList Local(ItemList list) => list with { Of = Caller(list.Of), Items = list.Items.Select(i => Local(i)).ToList(), Model = Caller(list.Model) };

    public static AlsoList Local(AlsoList also) => also with
    {
        ItemId = Caller(also.ItemId),
        Rules = also.Rules.Select(r => r with { If = r.If.Select(i => Caller(i)).ToList(), ItemId = Caller(r.ItemId) }).ToList(),
    };

    public static UserProfileView Local(UserProfileView profile) => profile with
    {
        UserId = Caller(profile.UserId),
        Recent = profile.Recent.Select(r => r with { ItemId = Caller(r.ItemId) }).ToList(),
    };

    public static UserSegment Local(UserSegment segment) => segment with { UserId = Caller(segment.UserId) };

    public static UserErasure Local(UserErasure erasure) => erasure with { UserId = Caller(erasure.UserId) };

    public static UserExport Local(UserExport export) => export with
    {
        UserId = Caller(export.UserId),
        Profile = Local(export.Profile),
        Segment = Local(export.Segment),
        Exposure = export.Exposure with
        {
            Sends = export.Exposure.Sends.Select(s => s with { ItemId = Caller(s.ItemId) }).ToList(),
        },
    };

    public static VariantTestView Local(VariantTestView test) => test with { ItemId = Caller(test.ItemId) };

    public static UserTopics Local(UserTopics topics) => topics with { UserId = Caller(topics.UserId) };

    public static ExperimentView? Local(ExperimentView? view) => view is null ? null : view with { Id = Caller(view.Id) };

    public static ExperimentAssignment Local(ExperimentAssignment a) => a with { ExperimentId = Caller(a.ExperimentId), UserId = Caller(a.UserId) };

    public static ExperimentResults Local(ExperimentResults results) => results with { Id = Caller(results.Id) };

    public static ChannelView? Local(ChannelView? view) => view is null ? null : view with { Id = Caller(view.Id) };

    public static ChannelPlan Local(ChannelPlan plan) => plan with
    {
        Channel = Caller(plan.Channel),
        Entries = plan.Entries.Select(e => e with { ItemId = Caller(e.ItemId), PersonId = Caller(e.PersonId) }).ToList(),
        Items = plan.Items.Select(i => Caller(i)).ToList(),
        NextAfter = plan.NextAfter is null ? null : Caller(plan.NextAfter),
    };

    public static ExportedEvent Local(ExportedEvent e) => e with { EventId = Caller(e.EventId), ItemId = Caller(e.ItemId) };

    /// <summary>KPI rows by item carry item ids; every other dimension's keys (tags, channels, days, topics, segments, arms) are not ids.</summary>
    public static KpiBreakdownResult Local(KpiBreakdownResult result) =>
        result.By == "item" ? result with { Rows = result.Rows.Select(r => r with { Key = Caller(r.Key) }).ToList() } : result;

    public static IReadOnlyList<TrafficFlagValue> Local(IReadOnlyList<TrafficFlagValue> flags) =>
        flags.Select(f => f with { PersonId = Caller(f.PersonId) }).ToList();

    /// <summary>A feed's model names as the tenant calls its registries ("default-v3:ease", not "acme/default-v3:ease").</summary>
    private static Feed LocalModels(Feed feed) => feed.Models is not { Count: > 0 } models ? feed : feed with
    {
        Model = models.Aggregate(feed.Model, (name, m) => name.Replace(m.Name + "-v", Caller(m.Name) + "-v", StringComparison.Ordinal)),
        Models = models.Select(m => m with { Name = Caller(m.Name) }).ToList(),
    };

    public static ModelRegistryView Local(ModelRegistryView registry) => registry with
    {
        Name = Caller(registry.Name),
        Versions = registry.Versions.Select(v => v with { Name = Caller(v.Name) }).ToList(),
    };

    public static TrainingJobView Local(TrainingJobView job) => job with { Model = Caller(job.Model) };

    /// <summary>The series' key as the tenant names it ("tag:storm", not "acme/tag:storm"); its kind and id are already the tenant's.</summary>
    public static SentimentSeriesView Local(SentimentSeriesView series) => series with { Key = Core.Sentiment.SentimentKeys.Split(series.Key).Local };

    public static SentimentAlertView Local(SentimentAlertView alert) => alert with { Key = Core.Sentiment.SentimentKeys.Split(alert.Key).Local };

    private static string Caller(string key) => TenantKeys.IdOf(key);

    /// <summary>Whether no id of the feed carries a tenant (indexed loops: the feed path allocates no enumerator).</summary>
    private static bool IsLocal(Feed feed)
    {
        if (Qualified(feed.UserId) || Qualified(feed.Model)) return false;
        for (var i = 0; i < feed.Items.Count; i++)
            if (Qualified(feed.Items[i].ItemId)) return false;
        if (feed.Models is { } models)
            for (var i = 0; i < models.Count; i++)
                if (Qualified(models[i].Name)) return false;
        return true;
    }

    private static bool Qualified(string key) => key.Contains(TenantKeys.Separator);
}
