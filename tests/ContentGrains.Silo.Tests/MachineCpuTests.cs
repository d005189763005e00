using ContentGrains.Bench;
using ContentGrains.Bench.Load;

namespace ContentGrains.Silo.Tests;

/// <summary>bench/load's reading of the whole machine's CPU (<see cref="MachineCpu"/>) beside the silos' and the generator's.</summary>
public sealed class MachineCpuTests
{
    [Fact]
    public void The_total_line_splits_into_busy_idle_and_steal()
    {
        // user nice system idle iowait irq softirq steal guest guest_nice
        var cpu = MachineCpu.Parse("cpu  1000 50 300 8000 200 10 40 400 0 0");

        Assert.Equal(new MachineCpu(1000 + 50 + 300 + 10 + 40, 8000 + 200, 400), cpu);
        Assert.Throws<FormatException>(() => MachineCpu.Parse("cpu0 1 2 3 4 5 6 7 8"));
    }

    [Fact]
    public void Shares_over_a_span_count_steal_and_the_busy_time_outside_the_watched_processes()
    {
        var start = new MachineCpu(Busy: 1_000, Idle: 5_000, Steal: 100);
        var end = new MachineCpu(Busy: 1_300, Idle: 5_600, Steal: 200); // 300 busy, 600 idle, 100 stolen ticks

        var shares = MachineCpu.During(start, end, watchedCpuSeconds: 2.5); // 250 of the 300 busy ticks

        Assert.Equal(0.3, shares["busyShare"]!.GetValue<double>());
        Assert.Equal(0.1, shares["stealShare"]!.GetValue<double>());
        Assert.Equal(0.05, shares["otherBusyShare"]!.GetValue<double>());
    }

    [Fact]
    public void A_rate_reports_the_generators_cpu_per_feed_and_the_machines_shares()
    {
        var start = new SiloWatch.Reading(10, RuntimeCounters.Zero, TextVectorCounters.Zero, GeneratorCpuSeconds: 4, Machine: new MachineCpu(0, 0, 0));
        var end = new SiloWatch.Reading(12, RuntimeCounters.Zero, TextVectorCounters.Zero, GeneratorCpuSeconds: 5, Machine: new MachineCpu(400, 600, 0));

        var json = SiloWatch.Between(start, end, null, answered: 1_000);

        Assert.Equal(2.0, json["cpuMsPerFeed"]!.GetValue<double>());
        Assert.Equal(1.0, json["generatorCpuMsPerFeed"]!.GetValue<double>());
        Assert.Equal(0.4, json["machine"]!["busyShare"]!.GetValue<double>());
        Assert.Equal(0.1, json["machine"]!["otherBusyShare"]!.GetValue<double>()); // 400 busy ticks, 300 of them the silos' and the generator's
    }
}
