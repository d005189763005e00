using ContentGrains.Core.Live;

namespace ContentGrains.Core.Registry;

/// <summary>
/// How far a training run has come, written by the run (on any thread) and read by status requests: the phase
/// (reading, training, evaluating, storing, publishing, done) and the log events read of those there were.
/// Reading the log is the measurable part; the fraction gives it 60% and each later phase its share.
/// </summary>
public sealed class TrainingProgress
{
    private static readonly Dictionary<string, double> PhaseStart = new(StringComparer.Ordinal)
    {
        ["queued"] = 0, ["reading"] = 0, ["training"] = 0.6, ["evaluating"] = 0.85, ["storing"] = 0.9, ["publishing"] = 0.95, ["done"] = 1,
    };

    private volatile string phase = "queued";
    private long eventsRead;
    private long eventsInLog;

    public string Phase => phase;
    public long EventsRead => Interlocked.Read(ref eventsRead);
    public long EventsInLog => Interlocked.Read(ref eventsInLog);

    public double Fraction => phase == "reading" && EventsInLog > 0
        ? Math.Round(0.6 * Math.Min(1, (double)EventsRead / EventsInLog), 4)
        : PhaseStart[phase];

    public void Enter(string next)
    {
        if (!PhaseStart.ContainsKey(next)) throw new ArgumentException($"unknown training phase '{next}'", nameof(next));
        phase = next;
    }

    public void Read(LogReadProgress read)
    {
        Interlocked.Exchange(ref eventsRead, read.EventsRead);
        Interlocked.Exchange(ref eventsInLog, read.EventsInLog);
    }
}
