using System.Diagnostics;

namespace ContentGrains.Bench.Load;

/// <summary>Seconds since a run began, and a wait until a given second: real time in a run, virtual time in a test.</summary>
public interface ILoadClock
{
    double Now { get; }
    Task WaitUntilAsync(double second, CancellationToken cancellation);
}

/// <summary>The wall clock of one run, started when it is made.</summary>
public sealed class StopwatchClock : ILoadClock
{
    private readonly Stopwatch watch = Stopwatch.StartNew();

    public double Now => watch.Elapsed.TotalSeconds;

    public Task WaitUntilAsync(double second, CancellationToken cancellation)
    {
        var wait = second - Now;
        return wait > 0 ? Task.Delay(TimeSpan.FromSeconds(wait), cancellation) : Task.CompletedTask;
    }
}
