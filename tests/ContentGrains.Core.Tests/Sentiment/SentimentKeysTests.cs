using ContentGrains.Core.Sentiment;

namespace ContentGrains.Core.Tests.Sentiment;

public class SentimentKeysTests
{
    private sealed class Topics : ISentimentTopics
    {
        public IReadOnlyList<string> TopicsOf(string itemId) => itemId == "i1" ? ["7", "7", "2"] : [];
    }

    [Fact]
    public void A_comment_counts_in_its_item_its_distinct_tags_and_its_topics_when_a_topic_source_is_given()
    {
        Assert.Equal(["item:i1", "tag:scifi", "tag:space"], new SentimentKeys().For("i1", ["scifi", "space", "scifi"]));
        Assert.Equal(["item:i1", "tag:scifi", "topic:7", "topic:2"], new SentimentKeys(new Topics()).For("i1", ["scifi"]));
        Assert.Equal(["item:i2"], new SentimentKeys(new Topics()).For("i2", []));
    }

    /// <summary>Served topics: item "a" in topic 3 ("space rocket nasa"), "b" outside the fit.</summary>
    private sealed class Served : Core.Topics.IItemTopicLookup
    {
        public long Version => 4;
        public int? MainTopicOf(string itemId) => itemId == "a" ? 3 : null;
        public string? NameOf(int topicId) => topicId == 3 ? "space rocket nasa" : null;
    }

    [Fact]
    public void Served_topics_key_a_comment_by_its_item_s_main_topic_name_and_add_nothing_before_a_fit()
    {
        Core.Topics.IItemTopicLookup? current = null;
        var keys = new SentimentKeys(new TopicSentimentSource(() => current));
        Assert.Equal(["item:a"], keys.For("a", []));

        current = new Served();
        Assert.Equal(["item:a", "tag:x", "topic:space rocket nasa"], keys.For("a", ["x"]));
        Assert.Equal(["item:b"], keys.For("b", []));
    }

    /// <summary>A topic source asked with the logged (qualified) item id.</summary>
    private sealed class QualifiedTopics : ISentimentTopics
    {
        public IReadOnlyList<string> TopicsOf(string itemId) => itemId == "acme/i1" ? ["7"] : [];
    }

    [Fact]
    public void A_tenants_comment_counts_in_its_tenants_series_only_and_a_default_tag_with_a_slash_stays_the_default_tenants()
    {
        Assert.Equal(["acme/item:i1", "acme/tag:scifi", "acme/topic:7"], new SentimentKeys(new QualifiedTopics()).For("acme/i1", ["scifi"]));
        Assert.Equal(["item:i1", "tag:acme/x"], new SentimentKeys().For("i1", ["acme/x"]));
        Assert.Equal(("acme", "tag:scifi"), SentimentKeys.Split("acme/tag:scifi"));
        Assert.Equal(("", "tag:acme/x"), SentimentKeys.Split("tag:acme/x")); // not tenant acme's tag "x"
        Assert.Equal(("tag", "acme/x"), SentimentKeys.Parse("tag:acme/x"));
        Assert.Equal(("tag", "a:b"), SentimentKeys.Parse(SentimentKeys.Of("acme", "tag", "a:b")));
        Assert.Equal("tag:x", SentimentKeys.Of("", "tag", "x"));
    }

    [Fact]
    public void A_key_parses_back_into_its_kind_and_id_even_when_the_id_has_a_colon()
    {
        Assert.Equal(("tag", "a:b"), SentimentKeys.Parse(SentimentKeys.Of("tag", "a:b")));
        Assert.Equal(("", "plain"), SentimentKeys.Parse("plain"));
    }

    [Fact]
    public void The_alert_log_keeps_the_newest_first_drops_repeats_and_holds_its_capacity()
    {
        var day = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        SentimentAlert Alert(string key, int d) => new(key, day.AddDays(d), 8, 10, 0.1, 1e-6);
        var log = new SentimentAlertLog<SentimentAlert>(3, a => (a.Key, a.WindowStart));

        Assert.Equal(2, log.Add([Alert("item:a", 1), Alert("item:b", 1)]).Count);
        Assert.Equal([Alert("item:c", 2)], log.Add([Alert("item:a", 1), Alert("item:c", 2), Alert("item:c", 2)]));
        log.Add([Alert("item:d", 3)]);

        Assert.Equal(["item:d", "item:c", "item:b"], log.Alerts.Select(a => a.Key));
    }
}
