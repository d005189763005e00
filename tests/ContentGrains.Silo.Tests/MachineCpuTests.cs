using ContentGrains.Bench;
using ContentGrains.Bench.Load;

namespace ContentGrains.Silo.Tests;

/// <summary>bench/load's reading of the whole machine's CPU (<see cref="MachineCpu"/>) beside the silos' and the generator's.</summary>
public sealed class MachineCpuTests
{
    [Fact]
    public void The_total_line_gives_all_ticks_and_the_stolen_ones()
    {
        // user nice system idle iowait irq softirq steal guest guest_nice (guest time is inside user: not added again)
        var cpu = MachineCpu.Parse("cpu  1000 50 300 8000 200 10 40 400 7 0");

        Assert.Equal(new MachineCpu(1000 + 50 + 300 + 8000 + 200 + 10 + 40 + 400, 400), cpu);
        Assert.Throws<FormatException>(() => MachineCpu.Parse("cpu0 1 2 3 4 5 6 7 8"));
    }

    [Fact]
    public void A_rate_reports_the_generators_cpu_per_feed_and_the_share_stolen()
    {
        var start = new SiloWatch.Reading(10, RuntimeCounters.Zero, TextVectorCounters.Zero, GeneratorCpuSeconds: 4, Machine: new MachineCpu(10_000, 100));
        var end = new SiloWatch.Reading(12, RuntimeCounters.Zero, TextVectorCounters.Zero, GeneratorCpuSeconds: 5, Machine: new MachineCpu(13_000, 400));

        var json = SiloWatch.Between(start, end, null, answered: 1_000);

        Assert.Equal(2.0, json["cpuMsPerFeed"]!.GetValue<double>());
        Assert.Equal(1.0, json["generatorCpuMsPerFeed"]!.GetValue<double>());
        Assert.Equal(0.1, json["machine"]!["stealShare"]!.GetValue<double>()); // 300 of 3,000 ticks
    }

    [Fact]
    public void The_speed_calibration_times_the_fixed_work_which_scores_and_sorts_every_row()
    {
        var (rows, query) = MachineSpeed.Inputs();
        var scores = new float[MachineSpeed.Rows];
        var best = MachineSpeed.Work(rows, query, scores);

        // The same work done plainly: the best row's inner product, and every score sorted.
        var plain = Enumerable.Range(0, MachineSpeed.Rows)
            .Select(r => Enumerable.Range(0, MachineSpeed.Dimensions).Sum(j => (double)rows[r * MachineSpeed.Dimensions + j] * query[j])).ToArray();
        Assert.Equal(plain.Max(), best, 1e-4);
        Assert.True(scores.Zip(scores.Skip(1)).All(p => p.First <= p.Second), "the scores are sorted");

        var speed = MachineSpeed.Measure();
        var median = speed["workMicrosMedian"]!.GetValue<double>();
        Assert.InRange(speed["workMicrosBest"]!.GetValue<double>(), 1, median);
    }
}
