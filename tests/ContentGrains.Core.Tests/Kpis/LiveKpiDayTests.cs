using ContentGrains.Core.Events;
using ContentGrains.Core.Kpis;
using ContentGrains.Core.Traffic;
using static ContentGrains.Core.Tests.Given;

namespace ContentGrains.Core.Tests.Kpis;

public sealed class LiveKpiDayTests
{
    private static Interaction At(string user, EventType type, double minutes, string item = "a") => Event(type, item, T0.AddMinutes(minutes), userId: user);

    [Fact]
    public void Ctr_moves_as_events_arrive_and_a_bot_is_left_out_from_its_flag_on()
    {
        var day = new LiveKpiDay(new TrafficOptions(), 1_000);
        day.Add(At("ann", EventType.Impression, 0), ["news"]);
        day.Add(At("ann", EventType.Impression, 0, "b"), ["sport"]);
        Assert.Equal(0, day.Kpis.Overall.Ctr(0.95)!.Value);
        day.Add(At("ann", EventType.Click, 1), ["news"]);
        Assert.Equal(0.5, day.Kpis.Overall.Ctr(0.95)!.Value);
        Assert.Equal(1, day.Kpis.Breakdowns["tag"].Tallies["news"].Clicks);

        // A click storm: the 15th click on one item within the hour raises the flag; it and the 5 after are left out.
        for (var i = 0; i < 20; i++) day.Add(At("storm", EventType.Click, 2 + i * 2, "a"), ["news"]);
        Assert.Equal(14 + 1, day.Kpis.Overall.Clicks);
        Assert.Equal(6, day.Exclusion.ExcludedByReason()["click-storm"]);
    }

    [Fact]
    public void A_new_day_starts_afresh_and_an_earlier_day_is_left_to_the_job()
    {
        var day = new LiveKpiDay(new TrafficOptions(), 1_000);
        day.Add(At("ann", EventType.Impression, 0), []);
        day.Add(At("ann", EventType.Impression, 24 * 60), []);
        Assert.Equal(1, day.Kpis.Overall.Impressions);
        Assert.Equal(RetentionCohorts.DayNumber(T0.AddDays(1)), day.Day);
        day.Add(At("bob", EventType.Impression, 5), []);
        Assert.Equal((1, 1), (day.Kpis.Overall.Impressions, day.LateEvents));
    }
    [Fact]
    public void The_live_day_keeps_no_per_person_retention_and_counts_as_an_accumulator_with_it_does()
    {
        var day = new LiveKpiDay(new TrafficOptions(), 1_000);
        var withRetention = new KpiAccumulator([KpiDimension.Item, KpiDimension.Channel], 1_000);
        for (var i = 0; i < 300; i++)
        {
            var e = At($"p{i % 100}", i % 3 == 0 ? EventType.Click : EventType.Impression, i * 0.5, $"item{i % 7}");
            day.Add(e, []);
            withRetention.Add(e);
        }
        Assert.Null(day.Kpis.Retention); // one day has no day-1 or day-7 return: no entry per person
        Assert.Equal(100, withRetention.Retention!.People);
        Assert.Equal((200L, 100L), (day.Kpis.Overall.Impressions, day.Kpis.Overall.Clicks));
        Assert.Equal((withRetention.Overall.Impressions, withRetention.Overall.Clicks, withRetention.Overall.Events),
            (day.Kpis.Overall.Impressions, day.Kpis.Overall.Clicks, day.Kpis.Overall.Events));
        foreach (var (item, tally) in withRetention.Breakdowns["item"].Tallies)
            Assert.Equal((tally.Impressions, tally.Clicks), (day.Kpis.Breakdowns["item"].Tallies[item].Impressions, day.Kpis.Breakdowns["item"].Tallies[item].Clicks));
    }
}
