using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using ContentGrains.Cli.CommandLine;
using ContentGrains.Core.Simulation;
using ContentGrains.Core.Variants;

namespace ContentGrains.Cli.Bandits;

/// <summary>
/// `contentgrains bandit simulate`: the headline bandit (Thompson sampling with a minimum share, the engine's winner rule)
/// against an equal-split A/B test of the same horizon, on a planted headline with a known lift, over many seeded runs.
/// Offline: no engine needed. Exit codes: 0 done, 2 usage error.
/// </summary>
public static class BanditCommand
{
    public static Command Create(CliIo io) => CommandTree.Group("bandit", "The headline bandit, offline.",
    [
        CommandTree.Leaf("simulate",
            "Thompson sampling with a minimum share (the engine's winner rule) against an equal-split A/B test of the same horizon, on a planted headline with a known lift, over many seeded runs.",
            [
                CommandTree.Value("runs", "N", "Seeded runs, 1 to 100,000.", "200"),
                CommandTree.Value("horizon", "N", "Impressions per run.", "40000"),
                CommandTree.Value("variants", "N", $"Headline variants, 2 to {VariantValidator.MaxVariants}.", "3"),
                CommandTree.Value("base-ctr", "P", "The click-through rate of the plain variants.", "0.04"),
                CommandTree.Value("lift", "L", "The planted best variant's relative lift.", "0.25"),
                CommandTree.Value("min-share", "S", "Each variant's minimum share of traffic (× variants at most 1).", "0.05"),
                CommandTree.Value("win-probability", "P", "Probability of being best that declares a winner, 0.5 to 1.", "0.95"),
                CommandTree.Value("min-impressions", "N", "Impressions per variant before a winner may be declared.", "1000"),
                CommandTree.Value("refresh-every", "N", "Impressions between posterior refreshes.", "100"),
                CommandTree.Value("seed", "N", "The first run's seed (run i uses seed + i).", "1"),
                CommandTree.Value("parallel", "N", "Runs at once, 1 to 64.", "2"),
                CommandTree.Value("out", "FILE", "Write the JSON report here too."),
            ],
            values => Run(values, io.Output, io.Errors)),
    ], io);

    /// <summary>Runs `bandit` with the words after its name.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors) => CommandTree.Run(Create(new CliIo(output, errors)), args, new CliIo(output, errors));

    private static int Run(OptionValues o, TextWriter output, TextWriter errors)
    {
        var integers = new[]
        {
            o.Integer("runs", 200, 1, 100_000), o.Integer("horizon", 40_000, 100, 100_000_000), o.Integer("variants", 3, 2, VariantValidator.MaxVariants),
            o.Integer("min-impressions", 1_000, 0, 10_000_000), o.Integer("refresh-every", 100, 1, 1_000_000), o.Integer("seed", 1, 0, long.MaxValue),
            o.Integer("parallel", 2, 1, 64),
        };
        var reals = new[]
        {
            o.Real("base-ctr", 0.04, 1e-6, 0.999), o.Real("lift", 0.25, 1e-6, 100), o.Real("min-share", 0.05, 0, 1), o.Real("win-probability", 0.95, 0.5, 1),
        };
        if (integers.Concat(reals.Select(r => ((long)0, r.Error))).FirstOrDefault(v => v.Item2 is not null).Item2 is { } bad)
            return Fail(o, errors, $"bandit simulate: {bad}");

        var variants = (int)integers[2].Value;
        var truth = new PlantedHeadline(variants, variants - 1, reals[0].Value, reals[1].Value);
        var settings = new VariantSettings { MinShare = reals[2].Value, WinProbability = reals[3].Value, MinImpressionsPerVariant = integers[3].Value };
        if ((truth.Problem() ?? settings.Problem()) is { } invalid) return Fail(o, errors, $"bandit simulate: {invalid.Field}: {invalid.Reason}");
        if (variants * settings.MinShare > 1) return Fail(o, errors, "bandit simulate: --min-share × --variants must be at most 1");

        var clock = Stopwatch.StartNew();
        var simulation = new HeadlineBanditSimulation(truth, settings, integers[1].Value, (int)integers[4].Value);
        var seed = integers[5].Value;
        var runs = new HeadlineRun[integers[0].Value];
        Parallel.For(0, runs.Length, new ParallelOptions { MaxDegreeOfParallelism = (int)integers[6].Value }, i => runs[i] = simulation.Run(seed + i));
        var report = new
        {
            truth, settings, horizon = integers[1].Value, refreshEvery = integers[4].Value, seed,
            summary = HeadlineBanditSummary.Of(runs, truth), seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
        };
        var json = JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
        if (o.Text("out") is { } path) File.WriteAllText(path, json);
        output.WriteLine(json);
        return 0;
    }

    private static int Fail(OptionValues values, TextWriter errors, string message)
    {
        errors.WriteLine(message);
        values.WriteUsage(errors);
        return 2;
    }
}
