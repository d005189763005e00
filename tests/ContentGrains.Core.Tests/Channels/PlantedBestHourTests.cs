using ContentGrains.Core.Simulation;
using Xunit;

namespace ContentGrains.Core.Tests.Channels;

public sealed class PlantedBestHourTests
{
    private readonly ClickOracle oracle = new(new WorldSettings());

    [Fact]
    public void Opens_peak_in_the_middle_of_the_channels_best_hour_and_wrap_around_midnight()
    {
        // OpenRate 0.3 × (0.3 + 0.7 × exp(−d² / (2 × 2²))): d = 0 gives 0.3; d = 2 gives 0.3 × (0.3 + 0.7 × e^−0.5) = 0.3 × 0.724571 = 0.217371.
        Assert.Equal(0.3, oracle.OpenProbability("app-push", 19.5), 9);
        Assert.Equal(0.217371, oracle.OpenProbability("app-push", 21.5), 6);
        Assert.Equal(0.217371, oracle.OpenProbability("app-push", 17.5), 6);
        // social's best hour is 21: 00:30 is 3 hours after 21:30 across midnight, not 21 hours before it.
        Assert.Equal(0.3 * (0.3 + 0.7 * Math.Exp(-9 / 8.0)), oracle.OpenProbability("social", 0.5), 9);
        // A channel with no planted hour opens at the off-hour rate everywhere.
        Assert.Equal(0.09, oracle.OpenProbability("sms", 12), 9);
    }

    [Fact]
    public void Bad_best_hours_are_named()
    {
        var settings = new WorldSettings { ChannelBestHours = new Dictionary<string, int> { ["web"] = 24 } };
        Assert.Equal("channelBestHours must be hours between 0 and 23", settings.Problem());
    }
}
