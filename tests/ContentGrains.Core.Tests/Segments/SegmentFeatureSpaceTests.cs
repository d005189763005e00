using ContentGrains.Core.Segments;

namespace ContentGrains.Core.Tests.Segments;

public sealed class SegmentFeatureSpaceTests
{
    private static PersonSignals Person(Dictionary<string, double> tags, Dictionary<string, double> channels, Dictionary<string, double> hours) =>
        new(new Dictionary<string, IReadOnlyDictionary<string, double>>
        {
            [PersonSignals.Tags] = tags, [PersonSignals.Channels] = channels, [PersonSignals.Hours] = hours,
        });

    private static readonly PersonSignals Morning = Person(new() { ["a"] = 3 }, new() { ["app"] = 1 }, new() { ["7"] = 2 });
    private static readonly PersonSignals Evening = Person(new() { ["b"] = 1 }, new() { ["web"] = 5 }, new() { ["19"] = 1 });

    [Fact]
    public void Blocks_are_shares_weighted_to_equal_variance()
    {
        var space = SegmentFeatureSpace.Fit([Morning, Evening]);
        var weights = space.Blocks.ToDictionary(b => b.Name, b => b.Weight);
        // Tags: vectors [1,0] and [0,1]; each dimension has variance 0.25, total 0.5: weight 1/√0.5.
        Assert.Equal(1 / Math.Sqrt(0.5), weights[PersonSignals.Tags], 5);
        // Hours smoothed (¼, ½, ¼) around 7 and 19: six dimensions with v²/4 variance: 2 × (1/16 + 1/4 + 1/16) / 4 = 0.1875.
        Assert.Equal(1 / Math.Sqrt(0.1875), weights[PersonSignals.Hours], 5);
        Assert.Equal(1.0, weights[PersonSignals.Formats]); // no formats at all: nothing to weigh

        var vector = space.Vector(Morning);
        Assert.Equal(["a", "b"], space.Blocks[0].Keys);
        Assert.Equal(1 / Math.Sqrt(0.5), vector[0], 4);
        Assert.Equal(0, vector[1]);
        var hoursAt = space.Dimensions - 24;
        Assert.Equal(0.25 / Math.Sqrt(0.1875), vector[hoursAt + 6], 4);
        Assert.Equal(0.5 / Math.Sqrt(0.1875), vector[hoursAt + 7], 4);
        Assert.Equal(0.25 / Math.Sqrt(0.1875), vector[hoursAt + 8], 4);
    }

    [Fact]
    public void A_heavy_and_a_light_user_with_the_same_habits_coincide()
    {
        var space = SegmentFeatureSpace.Fit([Morning, Evening]);
        var heavy = Person(new() { ["a"] = 300 }, new() { ["app"] = 100 }, new() { ["7"] = 200 });
        Assert.Equal(space.Vector(Morning), space.Vector(heavy));
    }

    [Fact]
    public void Midnight_neighbours_midnight_around_the_clock()
    {
        var space = SegmentFeatureSpace.Fit([Morning, Evening]);
        var late = space.Vector(Person(new() { ["a"] = 1 }, [], new() { ["23"] = 1 }));
        var hoursAt = space.Dimensions - 24;
        Assert.True(late[hoursAt + 0] > 0, "23:00 spills into 00:00");
        Assert.True(late[hoursAt + 22] > 0);
    }
}
