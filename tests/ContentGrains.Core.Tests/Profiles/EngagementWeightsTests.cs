using ContentGrains.Core.Events;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Tests.Profiles;

public class EngagementWeightsTests
{
    [Theory]
    [InlineData(EventType.Impression, 0, 0.0)]
    [InlineData(EventType.View, 0, 1.0)]
    [InlineData(EventType.Click, 0, 2.0)]
    [InlineData(EventType.Like, 0, 3.0)]
    [InlineData(EventType.Comment, 0, 3.0)]
    [InlineData(EventType.Share, 0, 4.0)]
    [InlineData(EventType.Conversion, 0, 5.0)]
    [InlineData(EventType.Dislike, 0, -3.0)]
    [InlineData(EventType.Dwell, 0, 0.0)]
    [InlineData(EventType.Dwell, 15, 0.5)]    // 15 / 30
    [InlineData(EventType.Dwell, 45, 1.5)]    // 45 / 30
    [InlineData(EventType.Dwell, 90, 3.0)]    // the cap is reached at 90 s
    [InlineData(EventType.Dwell, 120, 3.0)]   // min(120 / 30, 3)
    [InlineData(EventType.Dwell, 3600, 3.0)]
    [InlineData(EventType.View, 60, 3.0)]     // 1 + 2
    [InlineData(EventType.Click, 30, 3.0)]    // 2 + 1
    [InlineData(EventType.Impression, 6, 0.2)]
    [InlineData(EventType.Dislike, 300, 0.0)] // -3 + 3
    public void Weight_is_the_type_weight_plus_capped_dwell(EventType type, double dwellSeconds, double expected)
    {
        Assert.Equal(expected, EngagementWeights.For(Given.Event(type, dwellSeconds: dwellSeconds)), 12);
    }
}
