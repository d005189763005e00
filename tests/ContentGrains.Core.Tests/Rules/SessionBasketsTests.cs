using ContentGrains.Core.Events;
using ContentGrains.Core.Rules;

namespace ContentGrains.Core.Tests.Rules;

public class SessionBasketsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static Interaction Event(string user, string item, double minutes, EventType type = EventType.Click) =>
        new($"{user}-{item}-{minutes}", user, item, type, T0.AddMinutes(minutes), "web", 0, null, null);

    private static string[][] Named(Baskets baskets) =>
        baskets.Rows.Select(b => b.Select(baskets.Items.IdOf).Order(StringComparer.Ordinal).ToArray()).ToArray();

    [Fact]
    public void A_gap_longer_than_the_session_gap_starts_a_new_basket_in_time_order()
    {
        var sessions = new SessionBaskets(TimeSpan.FromMinutes(30));
        // Added out of time order, as a log in arrival order may hold them.
        foreach (var e in new[] { Event("ann", "c", 100), Event("ann", "a", 0), Event("ann", "b", 30), Event("ann", "a", 20), Event("bob", "a", 5) })
            sessions.Add(e);

        var baskets = Named(sessions.Build());

        // ann: a@0, a@20, b@30 (gaps 20 and 10 min: one session), then c@100 (gap 70 min); bob: a.
        Assert.Equal([["a", "b"], ["c"], ["a"]], baskets);
    }

    [Fact]
    public void Impressions_and_dislikes_are_not_in_baskets()
    {
        var sessions = new SessionBaskets(SessionBaskets.DefaultGap);
        sessions.Add(Event("ann", "a", 0));
        sessions.Add(Event("ann", "b", 1, EventType.Impression));
        sessions.Add(Event("ann", "c", 2, EventType.Dislike));
        sessions.Add(Event("ann", "d", 3, EventType.Dwell));

        Assert.Equal([["a", "d"]], Named(sessions.Build()));
    }

    [Fact]
    public void A_gap_must_be_positive()
    {
        Assert.Equal("gap", Assert.Throws<ArgumentOutOfRangeException>(() => new SessionBaskets(TimeSpan.Zero)).ParamName);
    }
}
