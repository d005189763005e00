using ContentGrains.Core.Channels;
using Xunit;

namespace ContentGrains.Core.Tests.Channels;

public sealed class ChannelPlannerTests
{
    // Thursday 2026-01-01 00:00 UTC; hour of week of Thursday h = 3 × 24 + h.
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ChannelRules Rules = new() { CapPerDay = 2, CapPerWeek = 10, MinGap = TimeSpan.FromHours(3), QuietStartHour = 22, QuietEndHour = 8 };
    private static readonly PlanItem[] Items = [new("a", "video", 0.2), new("b", "article", 0.1), new("c", "video", 0.05)];

    /// <summary>Email opens: 19:00 best (90 of 100), 23:00 better still but quiet, 08:00 next (60 of 100), every other hour 10 of 100.</summary>
    private static SendTimeModel Model()
    {
        var model = new SendTimeModel(new SendTimeSettings());
        for (var hour = 0; hour < 24; hour++)
        {
            var opens = hour switch { 19 => 90, 23 => 99, 8 => 60, _ => 10 };
            for (var i = 0; i < 100; i++) model.Add("email", null, "other", 3 * 24 + hour, i < opens);
        }
        return model;
    }

    [Fact]
    public void A_person_gets_their_best_allowed_hours_up_to_the_cap_with_distinct_items()
    {
        var planner = new ChannelPlanner("email", Rules, Model(), Items, T0, 24);
        var plan = planner.Plan([new PlanPerson("p", null, new PersonExposure())]);

        Assert.Equal([T0.AddHours(8), T0.AddHours(19)], plan.Select(e => e.SendAt));
        // 19:00 is planned first and takes the best item; the second send takes an item the person was not sent.
        Assert.Equal(["b", "a"], plan.Select(e => e.ItemId));
        var evening = plan[1];
        Assert.Equal(model19, evening.ExpectedOpens, 9);
        Assert.Equal(model19 * 0.2, evening.ExpectedClicks, 9);
        Assert.Equal(1, evening.Cost);
    }

    private static readonly double model19 = Model().OpenRate("email", null, "p", 3 * 24 + 19);

    [Fact]
    public void Sends_on_other_channels_count_for_the_gap_and_the_shared_cap()
    {
        var exposure = new PersonExposure();
        exposure.Record(ChannelSend.Of("app-push", "z", T0.AddHours(17)));
        var plan = new ChannelPlanner("email", Rules with { AllChannelsPerDay = 2 }, Model(), Items, T0, 24)
            .Plan([new PlanPerson("p", null, exposure)]);

        // 19:00 is within 3 h of the 17:00 push; 08:00 is allowed, then the shared cap of 2 a day is reached.
        Assert.Equal([T0.AddHours(8)], plan.Select(e => e.SendAt));
        Assert.Empty(exposure.Sends.Where(s => s.Channel == "email")); // planning does not record
    }

    [Fact]
    public void Formats_the_channel_does_not_carry_are_left_out_and_the_horizon_is_bounded()
    {
        var planner = new ChannelPlanner("email", Rules with { Formats = ["article"] }, Model(), Items, T0, 24);
        Assert.Equal(["b"], planner.Items.Select(i => i.ItemId));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChannelPlanner("email", Rules, Model(), Items, T0, 169));
    }

    [Fact]
    public void Items_spread_over_segments_in_proportion_to_their_priors_after_a_minimum()
    {
        var items = new[] { new PlanItem("a", null, 0.3), new PlanItem("b", null, 0.1), new PlanItem("c", null, 0.1), new PlanItem("d", null, 0.1) };
        var planner = new ChannelPlanner("email", Rules with { CapPerDay = 1 }, Model(), items, T0, 24);
        var people = Enumerable.Range(0, 60).Select(i => new PlanPerson($"p{i}", $"s{i % 3}", new PersonExposure())).ToList();

        var plan = planner.Plan(people);

        Assert.Equal(60, plan.Count);
        foreach (var segment in plan.GroupBy(e => e.Segment))
        {
            var counts = segment.GroupBy(e => e.ItemId).ToDictionary(g => g.Key, g => g.Count());
            Assert.True(counts.Count >= 3, $"segment {segment.Key} got {counts.Count} items");
            // 20 sends: "a" has half the total prior (0.3 of 0.6), so about 10 of them.
            Assert.InRange(counts["a"], 9, 11);
        }
    }
}
