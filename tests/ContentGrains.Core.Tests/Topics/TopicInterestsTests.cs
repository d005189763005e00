using ContentGrains.Core.Topics;

namespace ContentGrains.Core.Tests.Topics;

public sealed class TopicInterestsTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(14);

    [Fact]
    public void An_engagement_adds_the_item_mixture_and_older_interest_halves_each_half_life()
    {
        var interests = new TopicInterests();
        interests.Add(1, [0.8f, 0.2f, 0f], weight: 1, Start, HalfLife);
        interests.Add(1, [0f, 0.1f, 0.9f], weight: 1, Start + HalfLife, HalfLife);

        // Now: topic 0 = .8 / 2 = .4, topic 1 = .2 / 2 + .1 = .2, topic 2 = .9; total 1.5.
        var now = interests.At(1, Start + HalfLife, HalfLife);
        Assert.Equal([2, 0, 1], now.Select(s => s.Topic));
        Assert.Equal(0.9 / 1.5, now[0].Share, 6);
        Assert.Equal(0.4 / 1.5, now[1].Share, 6);
        Assert.Equal(0.2 / 1.5, now[2].Share, 6);
    }

    [Fact]
    public void Small_shares_are_not_kept_and_a_new_model_version_starts_afresh()
    {
        var interests = new TopicInterests();
        interests.Add(1, [0.97f, 0.03f], weight: 2, Start, HalfLife);
        Assert.Equal([0], interests.Weights.Keys);

        Assert.Empty(interests.At(2, Start, HalfLife));
        interests.Add(2, [0.1f, 0.9f], weight: 1, Start, HalfLife);
        Assert.Equal(2, interests.ModelVersion);
        Assert.Equal([1, 0], interests.At(2, Start, HalfLife).Select(s => s.Topic));
    }

    [Fact]
    public void Match_is_the_sum_of_interest_share_times_item_share()
    {
        TopicShare[] interests = [new(0, 0.75), new(2, 0.25)];
        // .75 · .2 + .25 · .6 = 0.3
        Assert.Equal(0.3, TopicInterests.Match(interests, [0.2f, 0.2f, 0.6f]), 6);
    }

    [Fact]
    public void Topic_lists_keep_each_topics_most_inside_items_within_their_bound()
    {
        var lists = new TopicItemLists(topics: 2, perTopic: 2);
        lists.Offer("a", [0.9f, 0.1f]);
        lists.Offer("b", [0.6f, 0.4f]);
        lists.Offer("c", [0.7f, 0.3f]);
        lists.Offer("d", [0.2f, 0.8f]);
        var built = lists.Lists();

        Assert.Equal(["a", "c"], built[0]);
        Assert.Equal(["d"], built[1]);
        var candidates = TopicItemLists.For(built, [new(1, 0.7), new(0, 0.3)], topTopics: 2, perTopic: 1).ToList();
        Assert.Equal([("d", 1), ("a", 0)], candidates);
    }
}
