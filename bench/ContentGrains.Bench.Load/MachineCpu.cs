using System.Text.Json.Nodes;

namespace ContentGrains.Bench.Load;

/// <summary>
/// The whole machine's CPU time by kind, from the first line of /proc/stat (clock ticks since boot): what a rate's
/// figures shared the cores with. Session 16's three runs of the same code spent 0.69-0.97 ms of silo CPU per feed; a
/// share of <c>steal</c> (a hypervisor giving the cores to another guest) or of CPU outside the silos and the generator
/// would say why.
/// </summary>
public sealed record MachineCpu(long Busy, long Idle, long Steal)
{
    /// <summary>The reading now, or null where /proc/stat cannot be read.</summary>
    public static MachineCpu? Read()
    {
        try { return Parse(File.ReadLines("/proc/stat").First()); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>"cpu user nice system idle iowait irq softirq steal …": busy is user to softirq, idle is idle and iowait.</summary>
    public static MachineCpu Parse(string line)
    {
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length < 9 || f[0] != "cpu") throw new FormatException($"not the total line of /proc/stat: '{line}'");
        var ticks = f[1..9].Select(long.Parse).ToArray();
        return new MachineCpu(ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6], ticks[3] + ticks[4], ticks[7]);
    }

    /// <summary>
    /// Shares of the machine's time from <paramref name="start"/> to <paramref name="end"/>: busy, steal, and busy outside
    /// the watched processes (<paramref name="watchedCpuSeconds"/>: silos and generator, at 100 ticks a second).
    /// </summary>
    public static JsonObject During(MachineCpu start, MachineCpu end, double? watchedCpuSeconds)
    {
        var (busy, idle, steal) = (end.Busy - start.Busy, end.Idle - start.Idle, end.Steal - start.Steal);
        double all = busy + idle + steal;
        double? Share(double ticks) => all > 0 ? Math.Round(ticks / all, 3) : null;
        return new JsonObject
        {
            ["busyShare"] = Share(busy),
            ["stealShare"] = Share(steal),
            ["otherBusyShare"] = watchedCpuSeconds is { } watched ? Share(Math.Max(0, busy - watched * 100)) : null,
        };
    }
}
