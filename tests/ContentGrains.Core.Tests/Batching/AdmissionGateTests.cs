using ContentGrains.Core.Batching;

namespace ContentGrains.Core.Tests.Batching;

/// <summary>The dispatch backlog's gate: room by weight, first come first served, bounded waits that give up.</summary>
public class AdmissionGateTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Weight_is_admitted_up_to_the_capacity_and_the_next_waits_until_enough_leaves()
    {
        var gate = new AdmissionGate(capacity: 10);
        Assert.True(await gate.EnterAsync(6, Long));
        Assert.True(await gate.EnterAsync(4, Long)); // 6 + 4 = 10: exactly full
        var third = gate.EnterAsync(3, Long);
        Assert.False(third.IsCompleted);
        Assert.Equal((10, 3), (gate.InUse, gate.Waiting));

        gate.Leave(2); // 8 in use: 3 more would make 11, still past the capacity
        Assert.False(third.IsCompleted);
        gate.Leave(4); // 4 in use: 3 more fit
        Assert.True(await third.WaitAsync(Long));
        Assert.Equal((7, 0), (gate.InUse, gate.Waiting));
    }

    [Fact]
    public async Task Waiters_are_admitted_in_order_so_a_light_one_does_not_pass_a_heavy_one()
    {
        var gate = new AdmissionGate(capacity: 10);
        Assert.True(await gate.EnterAsync(8, Long));
        var heavy = gate.EnterAsync(9, Long);
        var light = gate.EnterAsync(1, Long); // 8 + 1 would fit, but the heavy one came first
        Assert.False(light.IsCompleted);

        gate.Leave(8);
        Assert.True(await heavy.WaitAsync(Long));
        Assert.True(await light.WaitAsync(Long)); // 9 + 1 = 10
        Assert.Equal(10, gate.InUse);
    }

    [Fact]
    public async Task A_waiter_that_gives_up_is_refused_leaves_the_queue_and_lets_the_next_one_in()
    {
        var gate = new AdmissionGate(capacity: 10);
        Assert.True(await gate.EnterAsync(5, Long));
        var heavy = gate.EnterAsync(8, TimeSpan.FromMilliseconds(50));
        var light = gate.EnterAsync(5, Long); // fits beside the 5 in use, but waits behind the heavy one…
        Assert.False(await heavy.WaitAsync(Long)); // …which gives up after 50 ms: refused
        Assert.True(await light.WaitAsync(Long)); // and the light one is let in without anything leaving
        Assert.Equal((10, 0), (gate.InUse, gate.Waiting));
    }

    [Fact]
    public async Task A_request_heavier_than_the_capacity_is_admitted_alone_and_never_beside_others()
    {
        var gate = new AdmissionGate(capacity: 10);
        Assert.True(await gate.EnterAsync(25, Long)); // nothing else in: admitted alone
        var next = gate.EnterAsync(1, Long);
        Assert.False(next.IsCompleted);
        gate.Leave(25);
        Assert.True(await next.WaitAsync(Long));

        var oversized = gate.EnterAsync(25, Long); // 1 in use: it waits for the gate to empty
        Assert.False(oversized.IsCompleted);
        gate.Leave(1);
        Assert.True(await oversized.WaitAsync(Long));
    }

    [Fact]
    public void Leaving_more_than_was_admitted_or_a_capacity_below_one_is_refused_by_name()
    {
        var gate = new AdmissionGate(capacity: 10);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => gate.Leave(1));
        Assert.Equal("weight", error.ParamName);
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => new AdmissionGate(0)).ParamName);
    }
}
