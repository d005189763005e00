using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Tests.Profiles;

public class DecayingValueTests
{
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(14);
    private static readonly DateTimeOffset T0 = Given.T0;

    [Fact]
    public void First_add_sets_value_and_instant()
    {
        var v = new DecayingValue();

        v.Add(8, T0, HalfLife);

        Assert.Equal(8, v.Value);
        Assert.Equal(T0.ToUnixTimeMilliseconds(), v.AsOfUnixMs);
    }

    [Fact]
    public void Value_halves_after_one_half_life()
    {
        var v = new DecayingValue();
        v.Add(8, T0, HalfLife);

        Assert.Equal(4, v.ValueAt(T0.AddDays(14), HalfLife));
        Assert.Equal(2, v.ValueAt(T0.AddDays(28), HalfLife));
        Assert.Equal(8, v.ValueAt(T0, HalfLife));
    }

    [Fact]
    public void Value_after_half_a_half_life_is_divided_by_root_two()
    {
        var v = new DecayingValue();
        v.Add(8, T0, HalfLife);

        Assert.Equal(8 / Math.Sqrt(2), v.ValueAt(T0.AddDays(7), HalfLife), 12);
    }

    [Fact]
    public void Adding_later_decays_the_old_value_first_and_moves_the_instant()
    {
        var v = new DecayingValue();
        v.Add(8, T0, HalfLife);

        v.Add(1, T0.AddDays(14), HalfLife);

        Assert.Equal(5, v.Value); // 8 * 0.5 + 1
        Assert.Equal(T0.AddDays(14).ToUnixTimeMilliseconds(), v.AsOfUnixMs);
    }

    [Fact]
    public void Adding_an_older_amount_decays_it_and_keeps_the_instant()
    {
        var v = new DecayingValue();
        v.Add(1, T0.AddDays(14), HalfLife);

        v.Add(8, T0, HalfLife);

        Assert.Equal(5, v.Value);
        Assert.Equal(T0.AddDays(14).ToUnixTimeMilliseconds(), v.AsOfUnixMs);
    }

    [Fact]
    public void Out_of_order_adds_give_the_in_order_result()
    {
        var adds = new (double Amount, int Hours)[] { (2, 0), (3, 50), (-3, 7), (5, 400), (1.5, 399), (4, 1000) };
        var inOrder = new DecayingValue();
        foreach (var (amount, hours) in adds.OrderBy(a => a.Hours)) inOrder.Add(amount, T0.AddHours(hours), HalfLife);
        var shuffled = new DecayingValue();
        foreach (var (amount, hours) in adds) shuffled.Add(amount, T0.AddHours(hours), HalfLife);

        var at = T0.AddDays(60);
        Assert.Equal(inOrder.ValueAt(at, HalfLife), shuffled.ValueAt(at, HalfLife), 1e-9);
        Assert.Equal(inOrder.AsOfUnixMs, shuffled.AsOfUnixMs);
    }

    [Fact]
    public void Sum_equals_the_sum_of_separately_decayed_amounts()
    {
        var v = new DecayingValue();
        v.Add(2, T0.AddDays(28), HalfLife);
        v.Add(4, T0, HalfLife);
        v.Add(6, T0.AddDays(14), HalfLife);

        // at day 42: 4 * 1/8 + 6 * 1/4 + 2 * 1/2
        Assert.Equal(0.5 + 1.5 + 1, v.ValueAt(T0.AddDays(42), HalfLife), 1e-12);
    }

    [Fact]
    public void Zero_half_life_means_no_decay()
    {
        var v = new DecayingValue();
        v.Add(8, T0, TimeSpan.Zero);
        v.Add(2, T0.AddDays(365), TimeSpan.Zero);
        v.Add(1, T0.AddDays(-365), TimeSpan.Zero);

        Assert.Equal(11, v.Value);
        Assert.Equal(11, v.ValueAt(T0.AddYears(10), TimeSpan.Zero));
    }

    [Fact]
    public void Negative_amounts_decay_too()
    {
        var v = new DecayingValue();
        v.Add(-6, T0, HalfLife);

        Assert.Equal(-3, v.ValueAt(T0.AddDays(14), HalfLife));
    }

    [Fact]
    public void Default_value_is_zero_at_any_time()
    {
        Assert.Equal(0, new DecayingValue().ValueAt(T0, HalfLife));
    }
}
