namespace ContentGrains.Core.Profiles;

/// <summary>
/// A quantity that halves every half-life. Stored as its value at one instant; adding at any instant,
/// in any order, gives the same result, so replaying the event log reproduces the live value.
/// </summary>
public struct DecayingValue
{
    public double Value { get; set; }
    public long AsOfUnixMs { get; set; }

    public readonly double ValueAt(DateTimeOffset at, TimeSpan halfLife) =>
        Value * Factor(at.ToUnixTimeMilliseconds() - AsOfUnixMs, halfLife);

    public void Add(double amount, DateTimeOffset at, TimeSpan halfLife)
    {
        var atMs = at.ToUnixTimeMilliseconds();
        if (Value == 0 && AsOfUnixMs == 0)
        {
            (Value, AsOfUnixMs) = (amount, atMs);
        }
        else if (atMs >= AsOfUnixMs)
        {
            Value = Value * Factor(atMs - AsOfUnixMs, halfLife) + amount;
            AsOfUnixMs = atMs;
        }
        else
        {
            // An older event: decay its contribution up to the value's instant instead of moving the instant back.
            Value += amount * Factor(AsOfUnixMs - atMs, halfLife);
        }
    }

    private static double Factor(long elapsedMs, TimeSpan halfLife) =>
        halfLife <= TimeSpan.Zero ? 1.0 : Math.Pow(0.5, elapsedMs / halfLife.TotalMilliseconds);
}
