using System.CommandLine;
using System.CommandLine.Help;

namespace ContentGrains.Cli.CommandLine;

/// <summary>
/// The helpers every command declares itself with (one parser, System.CommandLine), and the one way a command line is
/// run: parse errors (an unknown option, a missing value) print one line naming the option and the reason, then that
/// command's usage, and exit 2, before any command runs.
/// </summary>
public static class CommandTree
{
    public const int UsageError = 2;

    /// <summary>No response files: an argument that starts with '@' is a value like any other.</summary>
    public static ParserConfiguration Parsing { get; } = new() { ResponseFileTokenReplacer = null };

    /// <summary>
    /// An option with one value; <paramref name="fallback"/> is shown in the help (the command applies it). Given twice,
    /// the last one counts, as it always has here; one word after it is its value, the next is not.
    /// </summary>
    public static Option<string[]> Value(string name, string valueName, string description, string? fallback = null) =>
        Repeated(name, valueName, fallback is null ? description : $"{description} [default: {fallback}]");

    /// <summary>An option that may be given more than once (`--in a.json --in b.json`), one value each time.</summary>
    public static Option<string[]> Repeated(string name, string valueName, string description) =>
        new("--" + name) { HelpName = valueName, Description = description, AllowMultipleArgumentsPerToken = false };

    /// <summary>An option without a value.</summary>
    public static Option<bool> Flag(string name, string description) => new("--" + name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>A command that runs with the options it was given.</summary>
    public static Command Leaf(string name, string description, IEnumerable<Option> options, Func<OptionValues, int> run)
    {
        var command = Declare(name, description, options);
        command.SetAction(result => run(OptionValues.From(result)));
        return command;
    }

    /// <summary>A command that runs asynchronously with the options it was given.</summary>
    public static Command Leaf(string name, string description, IEnumerable<Option> options, Func<OptionValues, CancellationToken, Task<int>> run)
    {
        var command = Declare(name, description, options);
        command.SetAction((result, cancel) => run(OptionValues.From(result), cancel));
        return command;
    }

    /// <summary>A command that only groups sub-commands: on its own it prints its usage to stderr and exits 2.</summary>
    public static Command Group(string name, string description, IEnumerable<Command> subcommands, CliIo io)
    {
        var command = new Command(name, description);
        foreach (var subcommand in subcommands) command.Add(subcommand);
        command.SetAction(result =>
        {
            io.Errors.WriteLine($"{Path(result)}: missing sub-command; {Subcommands(command)}");
            WriteUsage(result, io.Errors);
            return UsageError;
        });
        return command;
    }

    /// <summary>Parses and runs <paramref name="args"/> against <paramref name="root"/>.</summary>
    public static async Task<int> RunAsync(RootCommand root, IReadOnlyList<string> args, CliIo io, CancellationToken cancel = default)
    {
        var result = root.Parse(args, Parsing);
        if (result.Errors.Count > 0 && result.Action is not HelpAction)
        {
            io.Errors.WriteLine($"{Path(result)}: {Describe(result)}");
            WriteUsage(result, io.Errors);
            return UsageError;
        }
        return await result.InvokeAsync(Invocation(io.Output, io.Errors), cancel);
    }

    /// <summary>Runs <paramref name="args"/> (the words after the command's name) against one command on its own.</summary>
    public static int Run(Command command, IReadOnlyList<string> args, CliIo io) =>
        RunAsync(command, args, io).GetAwaiter().GetResult();

    /// <inheritdoc cref="Run(Command, IReadOnlyList{string}, CliIo)"/>
    public static Task<int> RunAsync(Command command, IReadOnlyList<string> args, CliIo io, CancellationToken cancel = default) =>
        RunAsync(new RootCommand(ContentGrainsCommands.Description) { command }, [command.Name, .. args], io, cancel);

    /// <summary>The first parse error in one line: which option or word, and why.</summary>
    public static string Describe(ParseResult result)
    {
        if (result.UnmatchedTokens.FirstOrDefault() is { } unmatched)
            return unmatched.StartsWith('-') ? $"unknown option {unmatched}"
                : result.CommandResult.Command.Subcommands.Count > 0 ? $"unknown sub-command '{unmatched}'; {Subcommands(result.CommandResult.Command)}"
                : $"unexpected argument '{unmatched}'";
        return result.Errors[0].Message.TrimEnd('.');
    }

    /// <summary>"the subcommands are delete and export".</summary>
    private static string Subcommands(Command command)
    {
        var names = command.Subcommands.Select(c => c.Name).ToList();
        return names.Count == 1 ? $"the subcommand is {names[0]}" : $"the subcommands are {string.Join(", ", names[..^1])} and {names[^1]}";
    }

    /// <summary>"contentgrains simulate bulk": the command the words reached.</summary>
    public static string Path(ParseResult result)
    {
        var names = new List<string>();
        for (var node = result.CommandResult; node is not null; node = node.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, node.Command.Name);
        names[0] = ContentGrainsCommands.Name;
        return string.Join(' ', names);
    }

    /// <summary>The help of the command the words reached, written to <paramref name="writer"/>.</summary>
    public static void WriteUsage(ParseResult result, TextWriter writer)
    {
        var words = Path(result).Split(' ').Skip(1).Append("--help").ToArray();
        result.RootCommandResult.Command.Parse(words, Parsing).Invoke(Invocation(writer, writer));
    }

    private static InvocationConfiguration Invocation(TextWriter output, TextWriter errors) =>
        new() { Output = output, Error = errors, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };

    private static Command Declare(string name, string description, IEnumerable<Option> options)
    {
        var command = new Command(name, description);
        foreach (var option in options) command.Add(option);
        return command;
    }
}
