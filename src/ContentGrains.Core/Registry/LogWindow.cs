namespace ContentGrains.Core.Registry;

/// <summary>The slice of the event log a model version was trained on: first and last sequence, and the event times they span.</summary>
public sealed record LogWindow(long FirstSequence, long LastSequence, DateTimeOffset FirstEventAt, DateTimeOffset LastEventAt)
{
    /// <summary>The window grown by one logged event (events come in sequence order, times need not).</summary>
    public static LogWindow Extend(LogWindow? window, long sequence, DateTimeOffset at) => window is null
        ? new LogWindow(sequence, sequence, at, at)
        : new LogWindow(window.FirstSequence, sequence, at < window.FirstEventAt ? at : window.FirstEventAt, at > window.LastEventAt ? at : window.LastEventAt);
}
