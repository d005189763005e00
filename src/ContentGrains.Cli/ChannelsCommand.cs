using System.Text.Json;
using ContentGrains.Cli.Simulation;
using ContentGrains.Core.Simulation;

namespace ContentGrains.Cli;

/// <summary>
/// `contentgrains channels simulate --out F`: a simulated month of channel plans (<see cref="ChannelMonth"/>) for
/// --people people on the world's four channels with random rules and time zones; writes violations, expected clicks
/// against one fixed hour, planted and recovered best hours and the plan time as JSON. Exit codes: 0 written with no
/// violation, 1 written with violations, 2 usage error.
/// </summary>
public static class ChannelsCommand
{
    private const string Usage = "usage: channels simulate --out F [--people 10000] [--days 30] [--learn-days 14] [--items 40] [--segments 5] [--seed 7] [--fixed-utc-hour 12]";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        if (args.Count == 0 || args[0] != "simulate") { errors.WriteLine(Usage); return 2; }
        var rest = args.Skip(1).ToList();
        var (values, error) = OptionValues.Parse(rest, ["out", "people", "days", "learn-days", "items", "segments", "seed", "fixed-utc-hour"], []);
        if (values is null) return Fail(errors, error!);
        var defaults = new ChannelMonthSettings();
        var (people, e1) = values.Integer("people", defaults.People, 1, 10_000_000);
        var (days, e2) = values.Integer("days", defaults.PlanDays, 1, 366);
        var (learn, e3) = values.Integer("learn-days", defaults.LearnDays, 1, 366);
        var (items, e4) = values.Integer("items", defaults.Items, 1, 10_000);
        var (segments, e5) = values.Integer("segments", defaults.Segments, 1, 1_000);
        var (seed, e6) = values.Integer("seed", defaults.Seed, long.MinValue, long.MaxValue);
        var (hour, e7) = values.Integer("fixed-utc-hour", defaults.FixedUtcHour, 0, 23);
        if (new[] { e1, e2, e3, e4, e5, e6, e7 }.FirstOrDefault(e => e is not null) is { } bad) return Fail(errors, bad);
        if (values.Text("out") is not { } outPath) return Fail(errors, "--out is required");
        var settings = defaults with
        {
            People = (int)people, PlanDays = (int)days, LearnDays = (int)learn, Items = (int)items, Segments = (int)segments, Seed = seed, FixedUtcHour = (int)hour,
        };
        var result = new ChannelMonth(settings).Run();
        File.WriteAllText(outPath, JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        output.WriteLine($"{result.Sends:N0} sends to {result.People:N0} people over {result.Days} days: {result.TotalViolations} violations; " +
            $"expected clicks {result.PlanExpectedClicks:N0} against {result.FixedHourExpectedClicks:N0} at {settings.FixedUtcHour}:00 UTC; plan {result.PlanSeconds:F1} s");
        return result.TotalViolations == 0 ? 0 : 1;
    }

    private static int Fail(TextWriter errors, string message)
    {
        errors.WriteLine($"channels: {message}");
        errors.WriteLine(Usage);
        return 2;
    }
}
