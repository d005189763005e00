namespace ContentGrains.Core.Profiles;

/// <summary>
/// Engagement by hour of day (UTC), 24 bins that decay together with one half-life: when a person is active. Stored as
/// the bins' values at one instant, like <see cref="DecayingValue"/>, so replaying the log in any order gives the same
/// histogram. 24 doubles and one long: small enough for every profile snapshot.
/// </summary>
public sealed class HourHistogram
{
    public const int Hours = 24;

    /// <summary>The bins' values at <see cref="AsOfUnixMs"/>; empty until the first engagement (old snapshots load empty).</summary>
    public double[] Weights { get; set; } = [];
    public long AsOfUnixMs { get; set; }

    public void Add(double amount, DateTimeOffset at, TimeSpan halfLife)
    {
        if (Weights.Length != Hours) Weights = new double[Hours];
        var atMs = at.ToUnixTimeMilliseconds();
        var bin = at.UtcDateTime.Hour;
        if (AsOfUnixMs == 0 || atMs >= AsOfUnixMs)
        {
            var factor = AsOfUnixMs == 0 ? 1 : Factor(atMs - AsOfUnixMs, halfLife);
            for (var h = 0; h < Hours; h++) Weights[h] *= factor;
            AsOfUnixMs = atMs;
            Weights[bin] += amount;
        }
        else
        {
            Weights[bin] += amount * Factor(AsOfUnixMs - atMs, halfLife); // an older event: decay it up to the histogram's instant
        }
    }

    /// <summary>The 24 bins decayed to <paramref name="at"/> (all zero when nothing was recorded).</summary>
    public double[] ValuesAt(DateTimeOffset at, TimeSpan halfLife)
    {
        var values = new double[Hours];
        if (Weights.Length != Hours) return values;
        var factor = Factor(at.ToUnixTimeMilliseconds() - AsOfUnixMs, halfLife);
        for (var h = 0; h < Hours; h++) values[h] = Weights[h] * factor;
        return values;
    }

    private static double Factor(long elapsedMs, TimeSpan halfLife) =>
        halfLife <= TimeSpan.Zero ? 1.0 : Math.Pow(0.5, elapsedMs / halfLife.TotalMilliseconds);
}
