using System.Diagnostics;
using System.Text.Json;
using ContentGrains.Cli.Simulation;
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
    public const string Usage = """
        usage: contentgrains bandit simulate [--runs 200] [--horizon 40000] [--variants 3] [--base-ctr 0.04] [--lift 0.25]
                                             [--min-share 0.05] [--win-probability 0.95] [--min-impressions 1000]
                                             [--refresh-every 100] [--seed 1] [--parallel 2] [--out F]
        """;

    private static readonly string[] Options =
        ["runs", "horizon", "variants", "base-ctr", "lift", "min-share", "win-probability", "min-impressions", "refresh-every", "seed", "parallel", "out"];

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        if (args.Count == 0 || args[0] != "simulate") return Fail(errors, "bandit: expected the subcommand 'simulate'");
        var (o, error) = OptionValues.Parse(args.Skip(1).ToList(), Options, []);
        if (o is null) return Fail(errors, $"bandit simulate: {error}");
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
            return Fail(errors, $"bandit simulate: {bad}");

        var variants = (int)integers[2].Value;
        var truth = new PlantedHeadline(variants, variants - 1, reals[0].Value, reals[1].Value);
        var settings = new VariantSettings { MinShare = reals[2].Value, WinProbability = reals[3].Value, MinImpressionsPerVariant = integers[3].Value };
        if ((truth.Problem() ?? settings.Problem()) is { } invalid) return Fail(errors, $"bandit simulate: {invalid.Field}: {invalid.Reason}");
        if (variants * settings.MinShare > 1) return Fail(errors, $"bandit simulate: --min-share × --variants must be at most 1");

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

    private static int Fail(TextWriter errors, string message)
    {
        errors.WriteLine(message);
        errors.WriteLine(Usage);
        return 2;
    }
}
