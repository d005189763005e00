using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace ContentGrains.Cli.CommandLine;

/// <summary>
/// Progress of one long piece of work, on stderr. When stderr is a terminal it is Spectre.Console's live bar (done,
/// percentage, rate, time left); otherwise (a log, a pipe, a test) a plain line at most every 5 seconds, so a log stays
/// readable and a short run writes none. <see cref="Advance"/> may be called from several threads.
/// </summary>
public sealed class WorkProgress
{
    private static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(5);

    private readonly ProgressTask? bar;
    private readonly TextWriter log;
    private readonly string what, unit;
    private readonly double total;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Lock gate = new();
    private TimeSpan lastLine;
    private double done;

    private WorkProgress(ProgressTask? bar, TextWriter log, string what, double total, string unit) =>
        (this.bar, this.log, this.what, this.total, this.unit) = (bar, log, what, total, unit);

    /// <summary>Runs <paramref name="work"/>, showing its progress towards <paramref name="total"/> <paramref name="unit"/>.</summary>
    public static T Run<T>(CliIo io, string what, double total, string unit, Func<WorkProgress, T> work)
    {
        if (!io.Terminal) return work(new WorkProgress(null, io.Errors, what, total, unit));
        return Display(io).Start(context => work(new WorkProgress(context.AddTask(Markup.Escape(what), maxValue: Math.Max(total, 1)), io.Errors, what, total, unit)));
    }

    /// <inheritdoc cref="Run{T}"/>
    public static Task<T> RunAsync<T>(CliIo io, string what, double total, string unit, Func<WorkProgress, Task<T>> work)
    {
        if (!io.Terminal) return work(new WorkProgress(null, io.Errors, what, total, unit));
        return Display(io).StartAsync(context => work(new WorkProgress(context.AddTask(Markup.Escape(what), maxValue: Math.Max(total, 1)), io.Errors, what, total, unit)));
    }

    /// <summary>Counts <paramref name="by"/> more units done.</summary>
    public void Advance(double by = 1)
    {
        string line;
        lock (gate)
        {
            done += by;
            var now = clock.Elapsed;
            if (bar is not null)
            {
                bar.Increment(by);
                bar.Description = Markup.Escape($"{what} ({Rate(now)})");
                return;
            }
            if (now - lastLine < LineInterval) return;
            lastLine = now;
            line = string.Create(CultureInfo.InvariantCulture, $"{what}: {done:N0} of {total:N0} {unit} ({done / Math.Max(total, 1):P0}), {Rate(now)}");
        }
        log.WriteLine(line);
        log.Flush();
    }

    private string Rate(TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture, $"{done / Math.Max(elapsed.TotalSeconds, 1e-3):N1} {unit}/s");

    private static Progress Display(CliIo io) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(io.Errors) }).Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn());
}
