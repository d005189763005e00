using System.CommandLine;
using System.Globalization;

namespace ContentGrains.Cli.CommandLine;

/// <summary>
/// The options given to one command, as the parser (System.CommandLine) read them: only those on the command line, so
/// each command keeps its own defaults and can tell "absent" from "given". Values stay text here and are checked by
/// the getters below, so a bad value is reported as "--name must be …, got '…'" (never as a .NET type).
/// </summary>
public sealed class OptionValues
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal); // the last value given
    private readonly Dictionary<string, string[]> lists = new(StringComparer.Ordinal); // every value given, in order
    private readonly HashSet<string> flags = new(StringComparer.Ordinal);

    private readonly ParseResult? parsed;

    private OptionValues(ParseResult? parsed = null) => this.parsed = parsed;

    /// <summary>The options of the command <paramref name="result"/> parsed to (its own and none of its parents').</summary>
    public static OptionValues From(ParseResult result)
    {
        var given = new OptionValues(result);
        foreach (var option in result.CommandResult.Command.Options)
        {
            if (result.GetResult(option) is not { Implicit: false }) continue;
            var name = option.Name.TrimStart('-');
            switch (option)
            {
                case Option<bool> flag when result.GetValue(flag): given.flags.Add(name); break;
                case Option<string[]> text when result.GetValue(text) is { Length: > 0 } list:
                    (given.lists[name], given.values[name]) = (list, list[^1]);
                    break;
            }
        }
        return given;
    }

    /// <summary>Parses <paramref name="args"/> against <paramref name="options"/> alone (for callers that hold a list of words).</summary>
    public static (OptionValues? Values, string? Error) Parse(IReadOnlyList<string> args, IEnumerable<Option> options)
    {
        var command = new Command("options");
        foreach (var option in options) command.Add(option);
        var result = command.Parse(args, CommandTree.Parsing);
        return result.Errors.Count > 0 ? (null, CommandTree.Describe(result)) : (From(result), null);
    }

    /// <summary>Writes the usage (help) of the command these options were given to.</summary>
    public void WriteUsage(TextWriter writer)
    {
        if (parsed is not null) CommandTree.WriteUsage(parsed, writer);
    }

    /// <summary>The names of the options given, without the leading dashes.</summary>
    public IEnumerable<string> Given => values.Keys.Concat(flags);

    public bool Flag(string name) => flags.Contains(name);

    public string? Text(string name) => values.GetValueOrDefault(name);

    public string Text(string name, string fallback) => values.GetValueOrDefault(name, fallback);

    /// <summary>Every value of a repeatable option, in the order given.</summary>
    public IReadOnlyList<string> Texts(string name) => lists.GetValueOrDefault(name, []);

    /// <summary>An integer option within [min, max], or its default when absent.</summary>
    public (long Value, string? Error) Integer(string name, long fallback, long min, long max)
    {
        if (!values.TryGetValue(name, out var text)) return (fallback, null);
        return long.TryParse(text, NumberStyles.AllowThousands | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? (value, null)
            : (0, $"--{name} must be a whole number between {min:N0} and {max:N0}, got '{text}'");
    }

    /// <summary>A number option within [min, max], or its default when absent.</summary>
    public (double Value, string? Error) Real(string name, double fallback, double min, double max)
    {
        if (!values.TryGetValue(name, out var text)) return (fallback, null);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? (value, null)
            : (0, $"--{name} must be a number between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, got '{text}'");
    }
}
