using ContentGrains.Core.Experiments;

namespace ContentGrains.Cli.Experiments;

/// <summary>What one experiment on a panel showed at each daily look, read through the engine's own analysis.</summary>
public sealed record DailyLook(int Day, long Persons, bool SequentialRaw, bool SequentialCuped, bool FixedRaw, bool FixedCuped,
    double Difference, double ControlMean, double VarianceReduction, bool SampleRatioMismatch);

/// <summary>
/// Replays a panel as an experiment assigned by <paramref name="design"/>'s salt and peeks at it after every day with
/// <see cref="ExperimentAnalysis"/>: the same code the grain runs. A look is "significant" when the interval excludes 0
/// (either side for the false-positive count; the caller reads the sign for the lift).
/// </summary>
public static class ExperimentTrial
{
    public const string Metric = "clicks";

    public static IReadOnlyList<DailyLook> Run(SimulatedPanel panel, ExperimentDesign design)
    {
        var assigner = new ArmAssigner(design.Salt, design.Arms);
        var analysis = new ExperimentAnalysis(design);
        var exposed = new List<(int Person, Participant Participant)>();
        var looks = new List<DailyLook>(panel.Days);
        for (var day = 0; day < panel.Days; day++)
        {
            for (var p = 0; p < panel.ExposureDay.Length; p++)
                if (panel.ExposureDay[p] == day)
                    exposed.Add((p, new Participant { Arm = assigner.Assign(panel.PersonIds[p]), Exposures = 1, PreExposure = panel.PreClicks[p] }));
            foreach (var (person, participant) in exposed)
                participant.Totals[Metric] = participant.Total(Metric) + panel.DailyClicks[person][day];
            var report = analysis.Analyze(exposed.Select(e => e.Participant).ToList());
            var c = report.Comparisons[0];
            looks.Add(new DailyLook(day, report.Persons, c.Sequential.Significant, c.CupedSequential.Significant, c.Fixed.Significant,
                c.CupedFixed.Significant, c.Fixed.Estimate, c.ControlMean, c.VarianceReduction, report.SampleRatio.Mismatch));
        }
        return looks;
    }

    public static ExperimentDesign Design(string salt, long tuningPersons) => new()
    {
        Salt = salt,
        Arms = [new ArmDefinition("control", 1), new ArmDefinition("treatment", 1)],
        Metrics = [new MetricDefinition(Metric)],
        HorizonPersons = long.MaxValue,
        SequentialTuningPersons = tuningPersons,
    };
}
