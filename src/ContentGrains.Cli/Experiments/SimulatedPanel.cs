using ContentGrains.Core.Simulation;

namespace ContentGrains.Cli.Experiments;

/// <summary>
/// A simulated audience observed through an experiment: a pre-period (no experiment; each person's clicks there are the
/// CUPED covariate), then the experiment window, where a person is exposed at their first visit and their clicks from
/// then on are the metric. <see cref="Run"/> plays the world on the oracle's feed (a good recommender); an arm's planted
/// effect multiplies the appeal of every item to its people from the first experiment day.
/// </summary>
public sealed class SimulatedPanel
{
    /// <summary>Clicks in the pre-period, per person.</summary>
    public required double[] PreClicks { get; init; }
    /// <summary>The experiment day of each person's first visit in the window (their exposure), or -1 when they never came.</summary>
    public required int[] ExposureDay { get; init; }
    /// <summary>Clicks per person per experiment day.</summary>
    public required int[][] DailyClicks { get; init; }
    public required IReadOnlyList<string> PersonIds { get; init; }

    public int Days => DailyClicks.Length == 0 ? 0 : DailyClicks[0].Length;

    public static async Task<SimulatedPanel> RunAsync(WorldSettings settings, int preDays, int days, Func<string, double> appealFactor, int parallel)
    {
        var world = new SimWorld(settings);
        var people = world.People.Count;
        var pre = new double[people];
        var daily = Enumerable.Range(0, people).Select(_ => new int[days]).ToArray();
        var exposure = Enumerable.Repeat(-1, people).ToArray();
        // A visit's callback runs once per person and day, so each writes only its own person's slots.
        var simulation = new AudienceSimulation(world, new OracleFeedSource(world), feedSize: 10, channel: "web", eventPrefix: "exp", parallel)
        {
            VisitDone = (person, day, outcomes) =>
            {
                var clicks = outcomes.Sum(o => o.Clicks);
                var i = (int)person.Index;
                if (day < preDays) { pre[i] += clicks; return; }
                if (exposure[i] < 0) exposure[i] = day - preDays;
                daily[i][day - preDays] = clicks;
            },
        };
        for (var day = 0; day < preDays + days; day++)
        {
            if (day == preDays)
                foreach (var person in world.People) simulation.States[(int)person.Index].AppealFactor = appealFactor(person.Id);
            await simulation.RunDayAsync(day);
        }
        return new SimulatedPanel { PreClicks = pre, ExposureDay = exposure, DailyClicks = daily, PersonIds = world.People.Select(p => p.Id).ToList() };
    }
}
