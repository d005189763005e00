using ContentGrains.Core.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace ContentGrains.Core.Tests.Channels;

/// <summary>The property test of the channels target: a month of plans for 10,000 people on 4 channels with random rules and time zones.</summary>
public sealed class ChannelMonthTests(ITestOutputHelper output)
{
    [Fact]
    public void A_month_of_plans_breaks_no_rule_beats_a_fixed_hour_and_recovers_the_planted_hours()
    {
        var result = new ChannelMonth(new ChannelMonthSettings()).Run();
        output.WriteLine($"sends {result.Sends}, plan clicks {result.PlanExpectedClicks:F0}, fixed hour {result.FixedHourExpectedClicks:F0}, " +
            $"model {result.ModelExpectedClicks:F0}, simulated {result.SimulatedClicks}, plan {result.PlanSeconds:F1} s, fatigued {result.FatiguedPlans}");

        Assert.Equal(10_000, result.People);
        Assert.Equal(4, result.Rules.Count);
        Assert.True(result.Sends > 10_000 * 30, $"only {result.Sends} sends");
        Assert.All(result.Violations, v => Assert.True(v.Value == 0, $"{v.Value} {v.Key} violations"));
        Assert.Equal(result.PlantedBestHours.OrderBy(h => h.Key), result.RecoveredBestHours.OrderBy(h => h.Key));
        Assert.True(result.PlanExpectedClicks > 1.2 * result.FixedHourExpectedClicks,
            $"plan {result.PlanExpectedClicks:F0} against fixed hour {result.FixedHourExpectedClicks:F0}");
        Assert.True(result.PlanExpectedClicks > 1.2 * result.FixedLocalHourExpectedClicks,
            $"plan {result.PlanExpectedClicks:F0} against the fixed local hour {result.FixedLocalHourExpectedClicks:F0}");
        // The model's own expectation is calibrated against the oracle, and the drawn clicks agree with both.
        Assert.InRange(result.ModelExpectedClicks / result.PlanExpectedClicks, 0.9, 1.1);
        Assert.InRange(result.SimulatedClicks / result.PlanExpectedClicks, 0.95, 1.05);
        Assert.True(result.FewestItemsInASegment >= 3, $"a segment got {result.FewestItemsInASegment} items");
        Assert.True(result.FatiguedPlans > 0, "fatigue never lowered a cap");
    }
}
