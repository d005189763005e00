using System.Text.Json.Nodes;

namespace ContentGrains.Bench.Load;

/// <summary>
/// The whole machine's CPU time, from the first line of /proc/stat (clock ticks since boot), for one figure: the share
/// a hypervisor stole (gave the cores to another guest) while a rate ran. Session 16's runs of the same code spent
/// 0.69-0.97 ms of silo CPU per feed, and the first run with this reading saw 23 % stolen in one rate (its p99 doubled).
/// Busy and idle are not reported: /proc/stat samples them at the tick, and under this bursty load they added up to less
/// than the silos' and the generator's own precise CPU; the stolen time is the hypervisor's own count.
/// </summary>
public sealed record MachineCpu(long Total, long Steal)
{
    /// <summary>The reading now, or null where /proc/stat cannot be read.</summary>
    public static MachineCpu? Read()
    {
        try { return Parse(File.ReadLines("/proc/stat").First()); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>"cpu user nice system idle iowait irq softirq steal …": the total of those eight, and steal.</summary>
    public static MachineCpu Parse(string line)
    {
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length < 9 || f[0] != "cpu") throw new FormatException($"not the total line of /proc/stat: '{line}'");
        var ticks = f[1..9].Select(long.Parse).ToArray();
        return new MachineCpu(ticks.Sum(), ticks[7]);
    }

    /// <summary>The share of the machine's time stolen from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public static JsonObject During(MachineCpu start, MachineCpu end)
    {
        var total = end.Total - start.Total;
        return new JsonObject { ["stealShare"] = total > 0 ? Math.Round((double)(end.Steal - start.Steal) / total, 3) : null };
    }
}
