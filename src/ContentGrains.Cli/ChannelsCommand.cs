using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ContentGrains.Cli.CommandLine;
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
    private static readonly ChannelMonthSettings Defaults = new();

    public static Command Create(CliIo io) => CommandTree.Group("channels", "Channel plans (when and where to reach each person), offline.",
    [
        CommandTree.Leaf("simulate",
            "A simulated month of channel plans on the world's four channels with random rules and time zones: violations, expected clicks against one fixed hour, planted and recovered best hours (JSON). " +
            "Exit codes: 0 written with no violation, 1 written with violations, 2 usage error.",
            [
                CommandTree.Value("out", "FILE", "Write the month's result (JSON) here. Required."),
                CommandTree.Value("people", "N", "People planned for.", Defaults.People.ToString(CultureInfo.InvariantCulture)),
                CommandTree.Value("days", "N", "Days planned.", Defaults.PlanDays.ToString(CultureInfo.InvariantCulture)),
                CommandTree.Value("learn-days", "N", "Days observed before planning.", Defaults.LearnDays.ToString(CultureInfo.InvariantCulture)),
                CommandTree.Value("items", "N", "Items to send.", Defaults.Items.ToString(CultureInfo.InvariantCulture)),
                CommandTree.Value("segments", "N", "Planted segments.", Defaults.Segments.ToString(CultureInfo.InvariantCulture)),
                CommandTree.Value("seed", "N", "Random seed.", Defaults.Seed.ToString(CultureInfo.InvariantCulture)),
                CommandTree.Value("fixed-utc-hour", "H", "The fixed hour (0-23 UTC) the plan is compared with.", Defaults.FixedUtcHour.ToString(CultureInfo.InvariantCulture)),
            ],
            values => Run(values, io.Output, io.Errors)),
    ], io);

    /// <summary>Runs `channels` with the words after its name.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors) => CommandTree.Run(Create(new CliIo(output, errors)), args, new CliIo(output, errors));

    private static int Run(OptionValues values, TextWriter output, TextWriter errors)
    {
        var defaults = Defaults;
        var (people, e1) = values.Integer("people", defaults.People, 1, 10_000_000);
        var (days, e2) = values.Integer("days", defaults.PlanDays, 1, 366);
        var (learn, e3) = values.Integer("learn-days", defaults.LearnDays, 1, 366);
        var (items, e4) = values.Integer("items", defaults.Items, 1, 10_000);
        var (segments, e5) = values.Integer("segments", defaults.Segments, 1, 1_000);
        var (seed, e6) = values.Integer("seed", defaults.Seed, long.MinValue, long.MaxValue);
        var (hour, e7) = values.Integer("fixed-utc-hour", defaults.FixedUtcHour, 0, 23);
        if (new[] { e1, e2, e3, e4, e5, e6, e7 }.FirstOrDefault(e => e is not null) is { } bad) return Fail(values, errors, bad);
        if (values.Text("out") is not { } outPath) return Fail(values, errors, "--out is required");
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

    private static int Fail(OptionValues values, TextWriter errors, string message)
    {
        errors.WriteLine($"channels: {message}");
        values.WriteUsage(errors);
        return 2;
    }
}
