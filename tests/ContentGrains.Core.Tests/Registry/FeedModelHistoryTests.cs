using ContentGrains.Core.Click;
using ContentGrains.Core.Embeddings;
using ContentGrains.Core.Events;
using ContentGrains.Core.Live;
using ContentGrains.Core.Registry;
using ContentGrains.Core.Tests.Feed;
using static ContentGrains.Core.Tests.Given;

namespace ContentGrains.Core.Tests.Registry;

/// <summary>
/// The feed model in force at a logged feed: the newest accepted version whose data window ended before it, so the
/// click model's rows are scored by the model that served them and never by one that learned their clicks.
/// </summary>
public sealed class FeedModelHistoryTests
{
    private static readonly Dictionary<string, string[]> Tags = new() { ["a"] = ["x"], ["b"] = ["y"] };
    private static readonly int ScoreColumn = ClickFeatures.IndexOf("embedding_score");
    private static readonly int Missing = ClickFeatures.IndexOf("embedding_score_missing");

    private static ModelVersion Version(long version, DateTimeOffset? windowEnd, string kind = EmbeddingModel.KindName, string status = VersionStatus.Accepted) =>
        new("feed", version, kind, T0, 10, 1, 2, 1, 0.1, 100, windowEnd is { } end ? new LogWindow(1, 10, end.AddDays(-1), end) : null, Status: status);

    [Fact]
    public void The_version_in_force_is_the_newest_accepted_one_whose_window_ended_before()
    {
        var history = new FeedModelHistory(
            [Version(3, T0.AddHours(2)), Version(2, T0.AddHours(1), status: VersionStatus.Rejected), Version(1, T0), Version(4, null)],
            (_, _) => Task.FromResult<LiveModel?>(null));

        Assert.Null(history.VersionAt(T0));                              // its window ends at that very moment: it may hold the feed's events
        Assert.Equal(1, history.VersionAt(T0.AddMilliseconds(1))?.Version);
        Assert.Equal(1, history.VersionAt(T0.AddMinutes(90))?.Version);  // v2 was rejected: it never served
        Assert.Equal(1, history.VersionAt(T0.AddHours(2))?.Version);
        Assert.Equal(3, history.VersionAt(T0.AddHours(3))?.Version);     // v4 has no window: when it could serve is unknown
    }

    [Fact]
    public async Task The_replay_scores_each_feed_with_the_model_in_force_never_one_trained_on_its_clicks()
    {
        // v1 learned feed 1 (window to T0), v2 learned feed 2 and its click on b (window to T0 + 2 h). Vectors by hand
        // (input = output): v1 a (1, 0), b (0, 1); v2 a (2, 0), b (0, 3).
        var v1 = VectorModels.Of(["a", "b"], [1, 0, 0, 1], 2, withIndex: false);
        var v2 = VectorModels.Of(["a", "b"], [2, 0, 0, 3], 2, withIndex: false);
        var loads = new List<long>();
        var history = new FeedModelHistory([Version(1, T0), Version(2, T0.AddHours(2))], (version, _) =>
        {
            loads.Add(version.Version);
            return Task.FromResult<LiveModel?>(version.Version == 1 ? v1 : v2);
        });
        Interaction[] log =
        [
            Event(EventType.Impression, "b", T0.AddHours(-1)), Event(EventType.Impression, "a", T0.AddHours(-1)),
            Event(EventType.Click, "a", T0.AddHours(-1).AddMinutes(1)),
            Event(EventType.Impression, "a", T0.AddHours(1)), Event(EventType.Impression, "b", T0.AddHours(1)),
            Event(EventType.Click, "b", T0.AddHours(1).AddMinutes(1)),
            Event(EventType.Impression, "a", T0.AddHours(3)), Event(EventType.Impression, "b", T0.AddHours(3)),
            Event(EventType.View, "c", T0.AddHours(5)), // closes the last feed's session
        ];
        await history.PrepareAsync(log.Min(e => e.Timestamp), log.Max(e => e.Timestamp), CancellationToken.None);
        var replay = new ClickLogReplay(id => Tags.TryGetValue(id, out var tags) ? (tags, null) : null, ClickLogReplay.DefaultSessionWindow,
            feedModelAt: history.At);

        var feeds = replay.Add(log);

        Assert.Equal(3, feeds.Count);
        Assert.All(Enumerable.Range(0, 2), slot => Assert.Equal(1f, Row(feeds[0], slot)[Missing])); // before any model
        // Feed 2 under v1, the person being a: a 1, b 0 (under v2, which learned this feed's click, a would be 4).
        Assert.Equal([(1f, 0f), (0f, 0f)], Enumerable.Range(0, 2).Select(slot => (Row(feeds[1], slot)[ScoreColumn], Row(feeds[1], slot)[Missing])));
        // Feed 3 under v2, the person the mean of a and b, (1, 1.5): a 2, b 4.5.
        Assert.Equal([2f, 4.5f], Enumerable.Range(0, 2).Select(slot => Row(feeds[2], slot)[ScoreColumn]));
        Assert.Equal([1L, 2L], loads);
        Assert.Equal([1L, 2L], history.Used);
    }

    [Fact]
    public async Task Another_kind_in_force_gives_no_model_and_is_never_loaded_and_an_unprepared_moment_is_refused()
    {
        var loads = new List<long>();
        var model = VectorModels.Of(["a", "b"], [1, 0, 0, 1], 2, withIndex: false);
        var history = new FeedModelHistory([Version(1, T0), Version(2, T0.AddHours(1), kind: "ease")], (version, _) =>
        {
            loads.Add(version.Version);
            return Task.FromResult<LiveModel?>(model);
        });

        await history.PrepareAsync(T0.AddHours(2), T0.AddHours(3), CancellationToken.None);
        Assert.Null(history.At(T0.AddHours(2)));
        Assert.Empty(loads);
        var refused = Assert.Throws<InvalidOperationException>(() => history.At(T0.AddMinutes(30)));
        Assert.Contains("feed model v1", refused.Message);

        await history.PrepareAsync(T0.AddMinutes(10), T0.AddMinutes(20), CancellationToken.None);
        Assert.Same(model, history.At(T0.AddMinutes(15)));
        Assert.Equal([1L], loads);
        Assert.Equal([1L], history.Used);
    }

    private static float[] Row(ClickImpression feed, int slot) => feed.Rows.AsSpan(slot * ClickFeatures.Count, ClickFeatures.Count).ToArray();
}
