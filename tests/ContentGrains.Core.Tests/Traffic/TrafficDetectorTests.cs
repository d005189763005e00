using ContentGrains.Core.Events;
using ContentGrains.Core.Traffic;
using static ContentGrains.Core.Tests.Given;

namespace ContentGrains.Core.Tests.Traffic;

public sealed class TrafficDetectorTests
{
    private static IReadOnlyDictionary<string, TrafficFlag> Judge(IEnumerable<Interaction> events)
    {
        var detector = new TrafficDetector();
        foreach (var e in events.OrderBy(e => e.Timestamp)) detector.Observe(e);
        return detector.Finish();
    }

    private static Interaction At(string user, EventType type, double seconds, string item = "item-1") =>
        Event(type, item, T0.AddSeconds(seconds), userId: user);

    [Fact]
    public void A_timer_with_small_jitter_is_robotic()
    {
        var random = new Random(5);
        var events = Enumerable.Range(0, 40).Select(i => At("timer", EventType.View, i * 20 + random.NextDouble() - 0.5, $"item-{i}")).ToList();
        var flag = Assert.Single(Judge(events)).Value;
        Assert.Equal(FlagReason.RoboticRegularity, flag.Reason);
        Assert.Equal(events[30].Timestamp, flag.At); // judged once 30 gaps are in
    }

    [Fact]
    public void Forty_actions_a_minute_for_three_minutes_is_an_inhuman_rate()
    {
        var random = new Random(6);
        var events = Enumerable.Range(0, 120).Select(i => At("fast", EventType.Click, i * 1.5 + random.NextDouble(), $"item-{i}"));
        var flag = Assert.Single(Judge(events)).Value;
        Assert.Equal(FlagReason.InhumanRate, flag.Reason);
    }

    [Fact]
    public void Fifteen_clicks_on_one_item_in_an_hour_is_a_click_storm()
    {
        var random = new Random(7);
        var events = Enumerable.Range(0, 15).Select(i => At("storm", EventType.Click, i * 200 + random.Next(0, 100), "item-hot"))
            .Concat(Enumerable.Range(0, 15).Select(i => At("storm", EventType.Impression, i * 200 + 1, "item-hot")));
        var flag = Assert.Single(Judge(events)).Value;
        Assert.Equal(FlagReason.ClickStorm, flag.Reason);
        Assert.Contains("item-hot", flag.Evidence);
    }

    [Fact]
    public void Clicks_without_impressions_are_flagged_only_when_the_traffic_has_impressions()
    {
        var clicker = Enumerable.Range(0, 25).Select(i => At("clicker", EventType.Click, i * 3_600 * 5.3, $"item-{i}")).ToList();
        Assert.Empty(Judge(clicker)); // a data set of interactions only: nobody has impressions
        var withOthers = clicker.Append(At("reader", EventType.Impression, 10));
        var flag = Assert.Single(Judge(withOthers)).Value;
        Assert.Equal(("clicker", FlagReason.ClicksWithoutImpressions), (flag.PersonId, flag.Reason));
        Assert.Equal(clicker[19].Timestamp, flag.At);
    }

    [Fact]
    public void A_bursty_human_is_not_flagged()
    {
        // Twenty visits hours apart; in each, a feed page of impressions, a quick run of up to 28 likes and clicks within
        // 50 s (one bursty minute, not three), and one article re-opened 6 times.
        var random = new Random(8);
        var events = new List<Interaction>();
        for (var visit = 0; visit < 20; visit++)
        {
            var start = visit * 3_600 * (2 + 6 * random.NextDouble());
            for (var i = 0; i < 20; i++) events.Add(At("human", EventType.Impression, start, $"item-{visit}-{i}"));
            var t = start;
            for (var i = 0; i < 14; i++)
            {
                t += random.NextDouble() * 3.5;
                events.Add(At("human", EventType.Click, t, $"item-{visit}-{i}"));
                events.Add(At("human", EventType.Like, t + 0.2, $"item-{visit}-{i}"));
            }
            for (var again = 0; again < 6; again++) events.Add(At("human", EventType.Click, t + 60 + again * random.NextDouble() * 300, $"item-{visit}-0"));
        }
        Assert.Empty(Judge(events));
    }

    [Fact]
    public void Thresholds_out_of_range_are_refused_with_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => new TrafficDetector(new TrafficOptions { MaxRegularityCv = -1 }));
        Assert.Contains("MaxRegularityCv", error.Message);
    }
}
