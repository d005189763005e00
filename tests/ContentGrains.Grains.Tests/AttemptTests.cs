namespace ContentGrains.Grains.Tests;

/// <summary>The dispatch's bounded fan-out: never more calls outstanding than allowed, results in order, failures kept per call.</summary>
public sealed class AttemptTests
{
    [Fact]
    public async Task At_most_the_allowed_calls_are_in_flight_and_every_result_comes_back_in_order()
    {
        var inFlight = 0;
        var most = 0;
        var inputs = Enumerable.Range(0, 200).ToList();
        var results = await Attempt.RunAllAsync(inputs, async i =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            await Task.Delay(1);
            Interlocked.Decrement(ref inFlight);
            if (i % 50 == 7) throw new InvalidOperationException($"call {i} failed");
            return i * 2;
        }, inFlight: 8);

        Assert.InRange(most, 2, 8); // bounded, and really concurrent
        Assert.Equal(200, results.Length);
        for (var i = 0; i < 200; i++)
        {
            if (i % 50 == 7) Assert.Equal($"call {i} failed", results[i].Error!.Message);
            else Assert.Equal((i * 2, (Exception?)null), (results[i].Value, results[i].Error));
        }
    }

    [Fact]
    public async Task No_inputs_make_no_calls()
    {
        var calls = 0;
        var results = await Attempt.RunAllAsync(Array.Empty<int>(), _ => { calls++; return Task.CompletedTask; }, inFlight: 4);
        Assert.Equal((0, 0), (results.Length, calls));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }
}
