using System.CommandLine;
using ContentGrains.Cli.CommandLine;

namespace ContentGrains.Cli.Tests.CommandLine;

/// <summary>
/// The one parser behind `contentgrains`: every command has help, and a bad command line is one line naming the option
/// and the reason, the command's usage, and exit code 2, with no stack trace.
/// </summary>
public sealed class CommandTreeTests
{
    /// <summary>Every command and sub-command, as the words that reach it ("simulate bulk").</summary>
    public static TheoryData<string> CommandPaths() => new(Paths());

    private static List<string> Paths()
    {
        var paths = new List<string>();
        void Walk(Command command, string path)
        {
            foreach (var sub in command.Subcommands)
            {
                var subPath = path.Length == 0 ? sub.Name : $"{path} {sub.Name}";
                paths.Add(subPath);
                Walk(sub, subPath);
            }
        }
        Walk(ContentGrainsCommands.Create(new CliIo(TextWriter.Null, TextWriter.Null)), "");
        return paths;
    }

    [Fact]
    public void The_tree_holds_every_command_the_readme_shows()
    {
        var paths = Paths().ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "evaluate", "import", "cold-start", "tune", "simulate", "simulate bulk", "simulate comments", "quality-table", "train",
            "bandit simulate", "experiment create", "experiment start", "experiment stop", "experiment results", "experiment simulate", "experiment ingested", "experiment ratio",
            "rules", "sentiment train", "sentiment score", "sentiment alerts", "segments", "channels simulate", "kpis", "topics",
            "key new", "user delete", "user export", "report", "models",
        }, paths);
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public async Task Every_command_has_help_that_describes_each_of_its_options(string path)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        var io = new CliIo(output, errors);
        var root = ContentGrainsCommands.Create(io);
        var command = path.Split(' ').Aggregate((Command)root, (parent, name) => parent.Subcommands.Single(c => c.Name == name));

        Assert.Equal(0, await CommandTree.RunAsync(root, [.. path.Split(' '), "--help"], io));

        Assert.False(string.IsNullOrWhiteSpace(command.Description), $"{path} has no description");
        var help = output.ToString();
        Assert.Contains("Usage:", help);
        Assert.Contains(command.Description!.Split(' ')[0], help);
        foreach (var option in command.Options)
        {
            Assert.False(string.IsNullOrWhiteSpace(option.Description), $"{path} {option.Name} has no description");
            Assert.Contains(option.Name, help);
        }
        Assert.Equal("", errors.ToString());
    }

    [Fact]
    public async Task No_arguments_list_the_commands_on_stderr_and_exit_2()
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        var io = new CliIo(output, errors);

        Assert.Equal(2, await CommandTree.RunAsync(ContentGrainsCommands.Create(io), [], io));

        Assert.Equal("", output.ToString());
        foreach (var name in new[] { "evaluate", "import", "simulate", "sentiment", "topics", "report", "models" })
            Assert.Contains(name, errors.ToString());
    }

    [Theory]
    [InlineData("evaluate --data d --bogus 1", "contentgrains evaluate: unknown option --bogus")]
    [InlineData("simulate bulk --out d --nope", "contentgrains simulate bulk: unknown option --nope")]
    [InlineData("sentiment train --data d --out m --folds", "contentgrains sentiment train: Required argument missing for option: '--folds'")]
    [InlineData("user forget --id x", "contentgrains user: unknown sub-command 'forget'; the subcommands are delete and export")]
    [InlineData("sentiment", "contentgrains sentiment: missing sub-command; the subcommands are train, score and alerts")]
    [InlineData("teleport", "contentgrains: unknown sub-command 'teleport'; the subcommands are evaluate, import, cold-start, tune, simulate, quality-table, train, bandit, experiment, rules, sentiment, segments, channels, kpis, topics, key, user, report, models, predict-ctr and rankers")]
    public async Task A_bad_command_line_is_one_line_then_the_usage_and_exit_2(string line, string first)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        var io = new CliIo(output, errors);

        Assert.Equal(2, await CommandTree.RunAsync(ContentGrainsCommands.Create(io), line.Split(' '), io));

        var lines = errors.ToString().Split('\n', StringSplitOptions.TrimEntries);
        Assert.Equal(first, lines[0]);
        Assert.Contains("Usage:", errors.ToString());
        Assert.DoesNotContain("Exception", errors.ToString());
        Assert.DoesNotContain("System.", errors.ToString());
        Assert.Equal("", output.ToString());
    }

    [Theory]
    [InlineData("simulate bulk --out d --events lots", "--events must be a whole number between 0 and 10,000,000,000, got 'lots'")]
    [InlineData("bandit simulate --runs 1.5", "--runs must be a whole number between 1 and 100,000, got '1.5'")]
    [InlineData("evaluate --data d --seed x2", "--seed must be a whole number between")]
    [InlineData("cold-start --data d --fraction abc", "--fraction must be a number strictly between 0 and 1")]
    [InlineData("kpis --data d --format jsonl --out o --top many", "--top")]
    [InlineData("experiment simulate --worlds 0", "--worlds must be a whole number between 1")]
    public async Task A_malformed_number_is_refused_naming_its_option(string line, string reason)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        var io = new CliIo(output, errors);

        Assert.Equal(2, await CommandTree.RunAsync(ContentGrainsCommands.Create(io), line.Split(' '), io));

        var first = errors.ToString().Split('\n')[0];
        Assert.Contains(reason, first);
        Assert.DoesNotContain("Exception", errors.ToString());
        Assert.DoesNotContain("Int32", errors.ToString());
    }

    [Fact]
    public void An_option_given_twice_counts_its_last_value_and_a_repeated_option_keeps_all()
    {
        var (once, error) = OptionValues.Parse(["--in", "a.json", "--in", "b.json", "--out", "x", "--out", "y"],
            [CommandTree.Repeated("in", "F", "in"), CommandTree.Value("out", "F", "out")]);

        Assert.Null(error);
        Assert.Equal(new[] { "a.json", "b.json" }, once!.Texts("in"));
        Assert.Equal("y", once.Text("out"));
    }

    [Fact]
    public void A_value_that_starts_with_at_is_a_value_not_a_response_file()
    {
        var (values, error) = OptionValues.Parse(["--id", "@someone"], [CommandTree.Value("id", "ID", "id")]);

        Assert.Null(error);
        Assert.Equal("@someone", values!.Text("id"));
    }

    [Fact]
    public void Progress_off_a_terminal_writes_no_line_for_short_work_and_returns_its_result()
    {
        var errors = new StringWriter();

        var result = WorkProgress.Run(new CliIo(TextWriter.Null, errors), "count", 3, "steps", progress =>
        {
            for (var i = 0; i < 3; i++) progress.Advance();
            return 42;
        });

        Assert.Equal(42, result);
        Assert.Equal("", errors.ToString()); // plain lines come at most every 5 s: a log of short runs stays clean
    }
}
