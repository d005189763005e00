using System.Diagnostics;

namespace ContentGrains.Cli.Import;

/// <summary>
/// A one-line progress report on stderr. On a terminal it is redrawn in place at most 4 times a second; otherwise
/// (a log, a pipe) a plain line is written at most every 5 seconds, so a log stays readable.
/// </summary>
public sealed class ImportProgress(TextWriter errors, bool terminal)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private TimeSpan lastWrite = TimeSpan.Zero; // the first line comes after one interval, so a short import shows only the final one
    private bool drawn;

    private TimeSpan Interval => terminal ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(5);

    public void Update(ImportSummary summary)
    {
        var now = clock.Elapsed;
        if (now - lastWrite < Interval) return;
        lastWrite = now;
        Write(summary, now);
    }

    /// <summary>The final state, always written, ending the line.</summary>
    public void Finish(ImportSummary summary)
    {
        Write(summary, clock.Elapsed);
        if (terminal && drawn) errors.WriteLine();
    }

    private void Write(ImportSummary s, TimeSpan now)
    {
        var rate = s.Events.Sent / Math.Max(now.TotalSeconds, 1e-3);
        var line = $"read {s.Events.Read + s.Items.Read + s.Users.Read:N0}  sent {s.Events.Sent + s.Items.Sent:N0}  " +
                   $"accepted {s.Events.Accepted + s.Items.Accepted:N0}  duplicates {s.Events.Duplicates:N0}  " +
                   $"rejected {s.Events.Rejected + s.Items.Rejected + s.Users.Rejected:N0}  {rate:N0} events/s";
        if (terminal)
        {
            errors.Write("\r" + line + "\u001b[K"); // ESC[K clears what a longer previous line left
            drawn = true;
        }
        else errors.WriteLine(line);
        errors.Flush();
    }
}
