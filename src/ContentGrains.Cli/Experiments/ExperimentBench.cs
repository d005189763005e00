using ContentGrains.Core.Experiments;
using ContentGrains.Core.Simulation;

namespace ContentGrains.Cli.Experiments;

/// <summary>The knobs of `contentgrains experiment simulate`.</summary>
public sealed record ExperimentBenchSettings(
    int Worlds, int Salts, int Users, int Items, int PreDays, int Days, double Lift, int LiftTrials, int LiftUsers, long Seed, int Parallel);

/// <summary>
/// The bench behind `contentgrains experiment simulate`. A/A: each world is simulated once with no effect, then split by
/// <see cref="ExperimentBenchSettings.Salts"/> salts (each an independent random assignment) and peeked at daily; a test
/// counts as a false positive when any daily look is significant. Lift: each trial is a new world where the treatment
/// arm's appeal is multiplied by 1 + Lift; it records the persons exposed when the always-valid interval first excluded 0
/// (raw and with CUPED).
/// </summary>
public sealed class ExperimentBench(ExperimentBenchSettings settings, TextWriter progress)
{
    public async Task<object> RunAsync()
    {
        var aa = await AaAsync();
        var lift = await LiftAsync();
        return new { settings, aa, lift };
    }

    private WorldSettings World(long seed, int users) => new() { Seed = seed, Users = users, Items = settings.Items };

    private async Task<object> AaAsync()
    {
        var looks = new List<IReadOnlyList<DailyLook>>();
        for (var w = 0; w < settings.Worlds; w++)
        {
            var panel = await SimulatedPanel.RunAsync(World(settings.Seed + w, settings.Users), settings.PreDays, settings.Days, _ => 1, settings.Parallel);
            var tuning = Math.Max(1, panel.ExposureDay.Count(d => d >= 0) / 2);
            for (var s = 0; s < settings.Salts; s++)
                looks.Add(ExperimentTrial.Run(panel, ExperimentTrial.Design($"aa-{settings.Seed + w}-{s}", tuning)));
            progress.WriteLine($"experiment simulate: A/A world {w + 1}/{settings.Worlds} done ({looks.Count} tests)");
        }
        double Rate(Func<DailyLook, bool> significant) => Math.Round(looks.Count(l => l.Any(significant)) / (double)looks.Count, 4);
        double RateBy(int day, Func<DailyLook, bool> significant) => Math.Round(looks.Count(l => l.Take(day + 1).Any(significant)) / (double)looks.Count, 4);
        return new
        {
            tests = looks.Count,
            looksPerTest = settings.Days,
            meanPersonsAtEnd = Math.Round(looks.Average(l => l[^1].Persons), 1),
            sequentialFalsePositiveRate = Rate(l => l.SequentialRaw),
            sequentialCupedFalsePositiveRate = Rate(l => l.SequentialCuped),
            fixedPeekedDailyFalsePositiveRate = Rate(l => l.FixedRaw),
            fixedCupedPeekedDailyFalsePositiveRate = Rate(l => l.FixedCuped),
            fixedFinalLookFalsePositiveRate = Math.Round(looks.Count(l => l[^1].FixedRaw) / (double)looks.Count, 4),
            fixedPeekedFalsePositiveRateByDay = Enumerable.Range(0, settings.Days).Select(d => RateBy(d, l => l.FixedRaw)).ToList(),
            sequentialFalsePositiveRateByDay = Enumerable.Range(0, settings.Days).Select(d => RateBy(d, l => l.SequentialRaw)).ToList(),
            sampleRatioFalseAlarmRate = Rate(l => l.SampleRatioMismatch),
            meanCupedVarianceReduction = Math.Round(looks.Average(l => l[^1].VarianceReduction), 4),
        };
    }

    private async Task<object?> LiftAsync()
    {
        if (settings.LiftTrials == 0) return null;
        var trials = new List<object>();
        var firstRaw = new List<long?>();
        var firstCuped = new List<long?>();
        var relative = new List<double>();
        var reductions = new List<double>();
        for (var t = 0; t < settings.LiftTrials; t++)
        {
            var design = ExperimentTrial.Design($"lift-{settings.Seed}-{t}", settings.LiftUsers / 2);
            var assigner = new ArmAssigner(design.Salt, design.Arms);
            var panel = await SimulatedPanel.RunAsync(World(settings.Seed + 1000 + t, settings.LiftUsers), settings.PreDays, settings.Days,
                id => assigner.Assign(id) == "treatment" ? 1 + settings.Lift : 1, settings.Parallel);
            var looks = ExperimentTrial.Run(panel, design);
            long? raw = looks.FirstOrDefault(l => l.SequentialRaw && l.Difference > 0)?.Persons;
            long? cuped = looks.FirstOrDefault(l => l.SequentialCuped && l.Difference > 0)?.Persons;
            firstRaw.Add(raw);
            firstCuped.Add(cuped);
            relative.Add(looks[^1].Difference / looks[^1].ControlMean);
            reductions.Add(looks[^1].VarianceReduction);
            trials.Add(new { trial = t, personsAtEnd = looks[^1].Persons, relativeLiftAtEnd = Math.Round(relative[^1], 4),
                cupedVarianceReduction = Math.Round(looks[^1].VarianceReduction, 4), detectedAtPersonsRaw = raw, detectedAtPersonsCuped = cuped,
                fixedAtEndRaw = looks[^1].FixedRaw, fixedAtEndCuped = looks[^1].FixedCuped });
            progress.WriteLine($"experiment simulate: lift trial {t + 1}/{settings.LiftTrials}: raw {raw?.ToString() ?? "not detected"}, CUPED {cuped?.ToString() ?? "not detected"}");
        }
        var reduction = reductions.Average();
        return new
        {
            trials = settings.LiftTrials,
            plantedAppealLift = settings.Lift,
            meanMeasuredRelativeLift = Math.Round(relative.Average(), 4),
            detectedRaw = firstRaw.Count(r => r is not null),
            detectedCuped = firstCuped.Count(r => r is not null),
            medianPersonsToDetectRaw = Median(firstRaw),
            medianPersonsToDetectCuped = Median(firstCuped),
            meanCupedVarianceReduction = Math.Round(reduction, 4),
            // For any test, the sample needed scales with the variance: CUPED needs (1 − reduction) of the raw sample.
            sampleNeededRatioCupedOverRaw = Math.Round(1 - reduction, 4),
            perTrial = trials,
        };
    }

    /// <summary>The median over trials that detected the lift; null when none did.</summary>
    private static double? Median(IReadOnlyList<long?> values)
    {
        var found = values.Where(v => v is not null).Select(v => (double)v!.Value).Order().ToList();
        if (found.Count == 0) return null;
        return found.Count % 2 == 1 ? found[found.Count / 2] : (found[found.Count / 2 - 1] + found[found.Count / 2]) / 2;
    }
}
