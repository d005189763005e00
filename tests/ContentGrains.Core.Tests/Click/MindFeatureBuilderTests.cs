using ContentGrains.Core.Click;
using ContentGrains.Core.Click.Mind;

namespace ContentGrains.Core.Tests.Click;

public sealed class MindFeatureBuilderTests
{
    private static readonly DateTimeOffset Ten = new(2019, 11, 13, 10, 0, 0, TimeSpan.Zero);

    private static float At(ClickImpression impression, int candidate, string name) =>
        impression.Rows[candidate * ClickFeatures.Count + ClickFeatures.IndexOf(name)];

    private static MindImpression Impression(string id, string user, DateTimeOffset time, string[] history, params (string Id, bool Clicked)[] candidates) =>
        new(id, user, time, history, candidates.Select(c => new MindCandidate(c.Id, c.Clicked)).ToList());

    [Fact]
    public void Each_impression_sees_only_what_was_logged_before_it()
    {
        // Given out of order: the builder walks them by time.
        var later = Impression("2", "U2", Ten.AddHours(1), ["N9"], ("N1", false), ("N3", true));
        var first = Impression("1", "U1", Ten, ["N9", "N3"], ("N1", true), ("N2", false));

        var built = new MindFeatureBuilder().Build([later, first]);

        Assert.Equal(["1", "2"], built.Select(i => i.Id));
        var (one, two) = (built[0], built[1]);
        Assert.Equal([1f, 0f], one.Labels);
        Assert.Equal([0f, 1f], two.Labels);
        // Nothing was shown before the first impression: no counts, both first seen now.
        Assert.Equal(0f, At(one, 0, "log_impressions_all"));
        Assert.Equal(0f, At(one, 0, "log_age_hours"));
        // At the second, N1 had one impression and one click an hour earlier; its own showing is not counted yet.
        Assert.Equal((float)Math.Log(2), At(two, 0, "log_impressions_all"), 6);
        Assert.Equal((float)Math.Log(2), At(two, 0, "log_clicks_all"), 6);
        Assert.Equal((float)Math.Log(1.5), At(two, 0, "log_clicks_1h"), 6); // one click, halved by the hour
        Assert.Equal((float)Math.Log(2), At(two, 0, "log_age_hours"), 6);
        // N3 was never shown, but it is in U1's history: one earlier click.
        Assert.Equal(0f, At(two, 1, "log_impressions_all"));
        Assert.Equal((float)Math.Log(2), At(two, 1, "log_earlier_clicks"), 6);
        Assert.Equal((float)Math.Log(2), At(two, 1, "log_slot"), 6);
        Assert.Equal(11f, (float)Math.Round(Math.Atan2(At(two, 0, "hour_sin"), At(two, 0, "hour_cos")) / (2 * Math.PI) * 24), 3);
        Assert.Equal(1f, At(two, 0, "channel_web"));
    }

    [Fact]
    public void A_returning_person_carries_their_clicks_and_when_they_were_last_seen()
    {
        var built = new MindFeatureBuilder().Build([
            Impression("1", "U1", Ten, ["N9"], ("N1", true), ("N2", false)),
            Impression("2", "U1", Ten.AddHours(3), ["N9"], ("N4", false), ("N5", true)),
        ]);

        Assert.Equal((float)Math.Log(2), At(built[0], 0, "log_user_history"), 6); // history N9
        Assert.Equal(1f, At(built[0], 0, "log_hours_since_user_seen_missing"));
        Assert.Equal((float)Math.Log(3), At(built[1], 0, "log_user_history"), 6); // N9, then the click on N1
        Assert.Equal((float)Math.Log(4), At(built[1], 0, "log_hours_since_user_seen"), 6);
    }

    [Fact]
    public void Tag_match_uses_the_news_categories_when_news_tsv_has_them()
    {
        var news = new[]
        {
            new MindNews("N9", "sports", "football_nfl", "", ""),
            new MindNews("N1", "sports", "basketball_nba", "", ""),
            new MindNews("N2", "finance", "markets", "", ""),
        }.ToDictionary(n => n.Id);

        var built = new MindFeatureBuilder(news).Build([Impression("1", "U1", Ten, ["N9"], ("N1", true), ("N2", false), ("N7", false))]);

        Assert.Equal(0.5f, At(built[0], 0, "tag_match")); // same category, other subcategory
        Assert.Equal(0f, At(built[0], 1, "tag_match"));
        Assert.Equal(1f, At(built[0], 2, "tag_match_missing")); // N7 has no news row
    }
}
