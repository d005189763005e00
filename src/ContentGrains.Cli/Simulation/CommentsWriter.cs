using System.CommandLine;
using System.Text.Json;
using ContentGrains.Core.Simulation;
using ContentGrains.Cli.CommandLine;

namespace ContentGrains.Cli.Simulation;

/// <summary>The options of `contentgrains simulate comments` (the planted sentiment truth, no engine).</summary>
public sealed record CommentsOptions(int Items, int Spikes, int Days, int Users, int Topics, long Seed, string Out)
{
    public static Option[] Declare() =>
    [
        CommandTree.Value("out", "DIR", "The folder to write comments.jsonl and spikes.tsv into. Required."),
        CommandTree.Value("items", "N", "Items commented on.", "100"),
        CommandTree.Value("spikes", "N", "Planted negative spikes (at most --items).", "10"),
        CommandTree.Value("days", "N", "Days of comments, 4 to 3,650.", "30"),
        CommandTree.Value("users", "N", "Commenting people.", "1000"),
        CommandTree.Value("topics", "N", "Topics of the world (items as in the simulated world of the same --topics).", "20"),
        CommandTree.Value("seed", "N", "Random seed.", "1"),
    ];

    /// <summary>Checks the words after the command's name (the parser reads them against <see cref="Declare"/>).</summary>
    public static (CommentsOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var (values, error) = OptionValues.Parse(args, Declare());
        return values is null ? (null, error) : Parse(values);
    }

    public static (CommentsOptions? Options, string? Error) Parse(OptionValues values)
    {
        var (items, e1) = values.Integer("items", 100, 1, 1_000_000);
        var (spikes, e2) = values.Integer("spikes", 10, 0, 1_000_000);
        var (days, e3) = values.Integer("days", 30, 4, 3_650);
        var (users, e4) = values.Integer("users", 1_000, 1, 100_000_000);
        var (topics, e5) = values.Integer("topics", 20, 1, TopicVocabulary.Topics.Count);
        var (seed, e6) = values.Integer("seed", 1, long.MinValue, long.MaxValue);
        if (new[] { e1, e2, e3, e4, e5, e6 }.FirstOrDefault(e => e is not null) is { } bad) return (null, bad);
        if (spikes > items) return (null, $"--spikes must be at most --items ({items}), got {spikes}");
        var output = values.Text("out");
        if (output is null) return (null, "--out DIR is required: the folder to write comments.jsonl and spikes.tsv into");
        return (new CommentsOptions((int)items, (int)spikes, (int)days, (int)users, (int)topics, seed, output), null);
    }
}

/// <summary>
/// `contentgrains simulate comments`: writes <see cref="PlantedSentimentSpikes"/>' comments as events the API takes
/// (<c>comments.jsonl</c>: type comment, text, timestamps over the last days up to yesterday; for `contentgrains import
/// --events` or <c>sentiment alerts</c>) and the truth in <c>spikes.tsv</c> (item, day, usual and spike negative share),
/// which only evaluation reads. Items are i0, i1, … as in the simulated world of the same --topics.
/// </summary>
public static class CommentsWriter
{
    public static (PlantedSentimentSpikes Planted, long Comments) Write(CommentsOptions options)
    {
        var end = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        var planted = new PlantedSentimentSpikes(options.Seed, options.Items, options.Spikes, options.Days, end, options.Users, options.Topics);
        if (planted.Problem() is { } problem) throw new ArgumentException($"{problem.Field} {problem.Reason}");
        Directory.CreateDirectory(options.Out);
        File.WriteAllLines(Path.Combine(options.Out, "spikes.tsv"), ["item_id\tday\tusual_share\tspike_share",
            .. planted.Planted().Select(s => $"{s.ItemId}\t{s.Day:yyyy-MM-dd}\t{s.UsualShare:F4}\t{s.SpikeShare:F4}")]);
        long written = 0;
        using var stream = File.Create(Path.Combine(options.Out, "comments.jsonl"));
        foreach (var c in planted.Comments())
        {
            using (var json = new Utf8JsonWriter(stream))
            {
                json.WriteStartObject();
                json.WriteString("eventId", $"c{options.Seed}-{written}");
                json.WriteString("userId", SimIds.User(c.User));
                json.WriteString("itemId", SimIds.Item(c.Item));
                json.WriteString("type", "comment");
                json.WriteString("timestamp", c.At);
                json.WriteString("channel", "web");
                json.WriteString("text", c.Text);
                json.WriteEndObject();
            }
            stream.WriteByte((byte)'\n');
            written++;
        }
        return (planted, written);
    }
}
