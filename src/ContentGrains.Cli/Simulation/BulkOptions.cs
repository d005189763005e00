using System.CommandLine;
using ContentGrains.Cli.CommandLine;

namespace ContentGrains.Cli.Simulation;

/// <summary>The options of `contentgrains simulate bulk` (files for the scale benchmark, no engine).</summary>
/// <remarks>Bots: planted non-human clients (<see cref="Core.Simulation.PlantedBots"/>) added on top of the people's events.</remarks>
public sealed record BulkOptions(int Users, int Items, int Topics, long Events, long Seed, int Days, string Out, string Format, string Name, int Segments = 0, int Bots = 0)
{
    public static readonly string[] Formats = ["recbole", "jsonl"];

    public static Option[] Declare() =>
    [
        CommandTree.Value("out", "DIR", "The folder to write the data set into. Required."),
        CommandTree.Value("users", "N", "Simulated people.", "1000"),
        CommandTree.Value("items", "N", "Items in the catalog.", "1000"),
        CommandTree.Value("events", "N", "Events written (people's, before any bots').", "100000"),
        CommandTree.Value("topics", "N", $"Topics of the world, 2 to {Core.Simulation.TopicVocabulary.Topics.Count}.", "20"),
        CommandTree.Value("seed", "N", "Random seed.", "1"),
        CommandTree.Value("days", "N", "Days the events span.", "30"),
        CommandTree.Value("format", string.Join('|', Formats), "recbole: NAME.inter/.item; jsonl: the API's events and items.", "recbole"),
        CommandTree.Value("name", "NAME", "The data set's NAME (no dots).", "sim"),
        CommandTree.Value("segments", "K", "Plant K groups of people; their truth goes to groups.tsv / NAME.groups.", "0"),
        CommandTree.Value("bots", "N", "Planted non-human clients; their ids and scripts go to DIR/bots.tsv.", "0"),
    ];

    /// <summary>Checks the words after the command's name (the parser reads them against <see cref="Declare"/>).</summary>
    public static (BulkOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var (values, error) = OptionValues.Parse(args, Declare());
        return values is null ? (null, error) : Parse(values);
    }

    public static (BulkOptions? Options, string? Error) Parse(OptionValues values)
    {
        var (users, e1) = values.Integer("users", 1_000, 1, 100_000_000);
        var (items, e2) = values.Integer("items", 1_000, 1, 100_000_000);
        var (events, e3) = values.Integer("events", 100_000, 0, 10_000_000_000);
        var (topics, e4) = values.Integer("topics", 20, 2, Core.Simulation.TopicVocabulary.Topics.Count);
        var (seed, e5) = values.Integer("seed", 1, long.MinValue, long.MaxValue);
        var (days, e6) = values.Integer("days", 30, 1, 3_650);
        var (segments, e7) = values.Integer("segments", 0, 0, topics);
        var (bots, e8) = values.Integer("bots", 0, 0, 100_000);
        if (new[] { e1, e2, e3, e4, e5, e6, e7, e8 }.FirstOrDefault(e => e is not null) is { } bad) return (null, bad);
        var output = values.Text("out");
        if (output is null) return (null, "--out DIR is required: the folder to write the data set into");
        var format = values.Text("format") ?? "recbole";
        if (!Formats.Contains(format)) return (null, $"--format: '{format}' is not one of {string.Join(", ", Formats)}");
        var name = values.Text("name") ?? "sim";
        if (name.Length == 0 || name.Contains('.') || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            return (null, $"--name: '{name}' must be a file name without dots (import reads NAME.inter)");
        return (new BulkOptions((int)users, (int)items, (int)topics, events, seed, (int)days, output, format, name, (int)segments, (int)bots), null);
    }
}
