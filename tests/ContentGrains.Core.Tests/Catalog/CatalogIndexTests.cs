using ContentGrains.Core.Catalog;
using ContentGrains.Core.Events;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Tests.Catalog;

public class CatalogIndexTests
{
    private static readonly DateTimeOffset T0 = Given.T0;
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(1);
    private readonly CatalogIndex index = new();

    private static CatalogEntry Entry(string id, params string[] tags) => new(id, tags, [], null, default, 0);

    private static DecayingValue Trend(double value) => new() { Value = value, AsOfUnixMs = T0.ToUnixTimeMilliseconds() };

    [Fact]
    public void Upsert_adds_an_entry_and_increments_version()
    {
        index.Upsert(Entry("a", "jazz"));
        index.Upsert(Entry("b"));

        Assert.Equal(2, index.Version);
        Assert.Equal(["jazz"], index.Entries["a"].Tags);
        Assert.Equal(["a", "b"], index.Entries.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Upsert_replaces_metadata_but_keeps_known_popularity()
    {
        index.Upsert(Entry("a", "jazz"));
        index.Report(new PopularityReport("a", Trend(7), 12));

        index.Upsert(Entry("a", "rock"));

        var entry = index.Entries["a"];
        Assert.Equal(["rock"], entry.Tags);
        Assert.Equal((7.0, 12L), (entry.Trend.Value, entry.EventsApplied));
        Assert.Equal(3, index.Version);
    }

    [Fact]
    public void Upsert_with_newer_popularity_than_held_takes_it()
    {
        index.Upsert(Entry("a"));
        index.Report(new PopularityReport("a", Trend(7), 12));

        index.Upsert(Entry("a") with { Trend = Trend(9), EventsApplied = 13 });

        Assert.Equal((9.0, 13L), (index.Entries["a"].Trend.Value, index.Entries["a"].EventsApplied));
    }

    [Fact]
    public void Report_for_an_unknown_item_is_kept_as_an_orphan()
    {
        index.Report(new PopularityReport("a", Trend(5), 3));

        Assert.Empty(index.Entries);
        Assert.Equal(new PopularityReport("a", Trend(5), 3), index.Orphans["a"]);
        Assert.Equal(1, index.Version);
    }

    [Fact]
    public void Orphan_popularity_is_adopted_when_metadata_arrives()
    {
        index.Report(new PopularityReport("a", Trend(5), 3));

        index.Upsert(Entry("a", "jazz"));

        Assert.Empty(index.Orphans);
        var entry = index.Entries["a"];
        Assert.Equal((5.0, 3L), (entry.Trend.Value, entry.EventsApplied));
        Assert.Equal(["jazz"], entry.Tags);
        Assert.Equal(2, index.Version);
    }

    [Fact]
    public void Report_replaces_popularity_of_a_known_item()
    {
        index.Upsert(Entry("a"));

        index.Report(new PopularityReport("a", Trend(4), 2));

        Assert.Equal((4.0, 2L), (index.Entries["a"].Trend.Value, index.Entries["a"].EventsApplied));
        Assert.Equal(2, index.Version);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(10)]
    public void Late_report_is_ignored_and_does_not_change_version(long eventsApplied)
    {
        index.Upsert(Entry("a"));
        index.Report(new PopularityReport("a", Trend(8), 10));

        index.Report(new PopularityReport("a", Trend(1), eventsApplied));

        Assert.Equal((8.0, 10L), (index.Entries["a"].Trend.Value, index.Entries["a"].EventsApplied));
        Assert.Equal(2, index.Version);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(10)]
    public void Late_report_for_an_orphan_is_ignored(long eventsApplied)
    {
        index.Report(new PopularityReport("a", Trend(8), 10));

        index.Report(new PopularityReport("a", Trend(1), eventsApplied));

        Assert.Equal(8.0, index.Orphans["a"].Trend.Value);
        Assert.Equal(1, index.Version);
    }

    [Fact]
    public void Replay_adds_engagement_and_advances_log_position()
    {
        index.Upsert(Entry("a"));
        index.Report(new PopularityReport("a", Trend(2), 4));

        index.Replay(40, Given.Event(EventType.Like, "a", T0.AddDays(1)), HalfLife);

        var entry = index.Entries["a"];
        Assert.Equal(2 * 0.5 + 3, entry.Trend.Value, 12);
        Assert.Equal(T0.AddDays(1).ToUnixTimeMilliseconds(), entry.Trend.AsOfUnixMs);
        Assert.Equal(5, entry.EventsApplied);
        Assert.Equal(40, index.LogPosition);
        Assert.Equal(3, index.Version);
    }

    [Fact]
    public void Replay_of_a_non_positive_weight_counts_the_event_without_engagement()
    {
        index.Upsert(Entry("a"));

        index.Replay(7, Given.Event(EventType.Impression, "a"), HalfLife);
        index.Replay(8, Given.Event(EventType.Dislike, "a"), HalfLife);

        Assert.Equal((0.0, 2L), (index.Entries["a"].Trend.Value, index.Entries["a"].EventsApplied));
        Assert.Equal(8, index.LogPosition);
    }

    [Fact]
    public void Replay_never_moves_log_position_back()
    {
        index.Replay(50, Given.Event(EventType.Click, "a"), HalfLife);
        index.Replay(30, Given.Event(EventType.Click, "b"), HalfLife);

        Assert.Equal(50, index.LogPosition);
    }

    [Fact]
    public void Replay_for_an_item_without_metadata_builds_its_orphan()
    {
        index.Replay(1, Given.Event(EventType.Click, "x", T0), HalfLife);
        index.Replay(2, Given.Event(EventType.Share, "x", T0), HalfLife);

        Assert.Equal((6.0, 2L), (index.Orphans["x"].Trend.Value, index.Orphans["x"].EventsApplied));

        index.Upsert(Entry("x"));

        Assert.Equal(6.0, index.Entries["x"].Trend.Value);
    }

    [Fact]
    public void Item_grain_report_supersedes_replayed_popularity()
    {
        index.Upsert(Entry("a"));
        index.Replay(1, Given.Event(EventType.Click, "a"), HalfLife); // EventsApplied 1

        index.Report(new PopularityReport("a", Trend(42), 100));

        Assert.Equal((42.0, 100L), (index.Entries["a"].Trend.Value, index.Entries["a"].EventsApplied));
    }
}
