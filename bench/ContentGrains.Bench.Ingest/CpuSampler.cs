using System.Diagnostics;

namespace ContentGrains.Bench.Ingest;

/// <summary>
/// Where the machine's CPU went during a phase, in cores (CPU-seconds per wall second): the silo process, this
/// client, PostgreSQL server processes, and the whole machine (from /proc/stat, so anything else running shows up
/// as "other"). Client and silo share the same cores, so the silo's figure is what the store can get at most.
/// </summary>
public sealed record CpuSample(double WallSeconds, double SiloCores, double ClientCores, double PostgresCores, double MachineBusyCores, double MachineIowaitCores, int MachineCores)
{
    public double OtherCores => Math.Max(0, MachineBusyCores - SiloCores - ClientCores - PostgresCores);

    public override string ToString() =>
        $"silo {SiloCores:0.00}, client {ClientCores:0.00}, postgres {PostgresCores:0.00}, other {OtherCores:0.00} " +
        $"(machine busy {MachineBusyCores:0.00} of {MachineCores}, iowait {MachineIowaitCores:0.00})";
}

public sealed class CpuSampler
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly SiloProcess silo;
    private readonly Stopwatch wall = Stopwatch.StartNew();
    private readonly TimeSpan silo0, client0;
    private readonly double postgres0;
    private readonly (double Busy, double Iowait) machine0;

    private CpuSampler(SiloProcess silo)
    {
        this.silo = silo;
        silo0 = silo.CpuTime;
        client0 = Process.GetCurrentProcess().TotalProcessorTime;
        postgres0 = PostgresSeconds();
        machine0 = MachineSeconds();
    }

    public static CpuSampler Start(SiloProcess silo) => new(silo);

    public CpuSample Stop()
    {
        var seconds = wall.Elapsed.TotalSeconds;
        var siloCpu = (silo.CpuTime - silo0).TotalSeconds;
        var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - client0).TotalSeconds;
        var postgres = PostgresSeconds() - postgres0;
        var machine = MachineSeconds();
        return new CpuSample(seconds, siloCpu / seconds, clientCpu / seconds, Math.Max(0, postgres) / seconds,
            (machine.Busy - machine0.Busy) / seconds, (machine.Iowait - machine0.Iowait) / seconds, Environment.ProcessorCount);
    }

    /// <summary>Cores busy on the whole machine over <paramref name="window"/>, minus the silo's own use: load from elsewhere.</summary>
    public static async Task<double> BackgroundCoresAsync(SiloProcess silo, TimeSpan window, CancellationToken cancellation)
    {
        var sampler = Start(silo);
        await Task.Delay(window, cancellation);
        var sample = sampler.Stop();
        return Math.Max(0, sample.MachineBusyCores - sample.SiloCores - sample.ClientCores);
    }

    /// <summary>
    /// Waits (at most <paramref name="limit"/>) until the silo uses under <paramref name="idleCores"/> over one second, and
    /// answers how long that took. After the item import the silo's text encoder (MiniLM) still encodes every imported
    /// item for seconds; a phase started before it finished charged that CPU to ingestion.
    /// </summary>
    public static async Task<TimeSpan> WaitSiloIdleAsync(SiloProcess silo, double idleCores, TimeSpan limit, CancellationToken cancellation)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            var sampler = Start(silo);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
            if (sampler.Stop().SiloCores < idleCores) return watch.Elapsed;
        }
        throw new BenchFailure($"the silo was still busy (over {idleCores} cores) {limit.TotalSeconds:0} s after the item import");
    }

    /// <summary>Busy and iowait CPU-seconds of the whole machine since boot (first line of /proc/stat).</summary>
    private static (double Busy, double Iowait) MachineSeconds()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(double.Parse).ToArray();
            // user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user.
            var busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + (fields.Length > 7 ? fields[7] : 0);
            return (busy / TicksPerSecond, fields[4] / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return (double.NaN, double.NaN);
        }
    }

    /// <summary>CPU-seconds of all processes named "postgres" (server and backends) on this machine.</summary>
    private static double PostgresSeconds()
    {
        double total = 0;
        if (!Directory.Exists("/proc")) return 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (name.Length == 0 || !char.IsAsciiDigit(name[0])) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                if (open < 0 || close < 0 || stat[(open + 1)..close] != "postgres") continue;
                var rest = stat[(close + 2)..].Split(' ');
                // after "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
                total += (double.Parse(rest[11]) + double.Parse(rest[12])) / TicksPerSecond;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException) { }
        }
        return total;
    }
}
