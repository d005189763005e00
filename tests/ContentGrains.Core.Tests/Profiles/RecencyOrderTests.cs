using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Tests.Profiles;

/// <summary>The consumed set's order: newest first, ties by item id, whatever order the times arrive in.</summary>
public class RecencyOrderTests
{
    private static readonly DateTimeOffset T = Given.T0;

    [Fact]
    public void Newest_first_with_ties_broken_by_ascending_id_whatever_the_arrival_order()
    {
        var order = RecencyOrder.Of(new Dictionary<string, DateTimeOffset>
        {
            ["b"] = T.AddHours(1), ["a"] = T.AddHours(1), ["old"] = T, ["new"] = T.AddHours(2), ["c"] = T.AddHours(1),
        });
        Assert.Equal(["new", "a", "b", "c", "old"], order.NewestFirstIds());
        Assert.Equal(("old", T), (order.Oldest.ItemId, order.Oldest.At));
    }

    [Fact]
    public void Moving_an_item_to_a_later_time_puts_it_first_and_removing_it_drops_it()
    {
        var order = new RecencyOrder();
        order.Move("x", null, T);
        order.Move("y", null, T.AddMinutes(1));
        order.Move("z", null, T.AddMinutes(-1)); // arrives late, older than the rest
        Assert.Equal(["y", "x", "z"], order.NewestFirstIds());

        order.Move("z", T.AddMinutes(-1), T.AddMinutes(5));
        Assert.Equal(["z", "y", "x"], order.NewestFirstIds());
        order.Remove("y", T.AddMinutes(1));
        Assert.Equal(["z", "x"], order.NewestFirstIds());
        Assert.Equal(2, order.Count);
    }

    [Fact]
    public void Times_in_other_offsets_compare_as_instants()
    {
        var order = new RecencyOrder();
        order.Move("utc", null, T);
        order.Move("plus-two", null, T.ToOffset(TimeSpan.FromHours(2)).AddSeconds(1)); // one second later, same instant scale
        Assert.Equal(["plus-two", "utc"], order.NewestFirstIds());
        order.Remove("plus-two", T.AddSeconds(1)); // the same instant written in UTC finds it
        Assert.Equal(["utc"], order.NewestFirstIds());
    }
}
