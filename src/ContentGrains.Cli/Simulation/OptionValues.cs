using System.Globalization;

namespace ContentGrains.Cli.Simulation;

/// <summary>
/// `--name value` pairs and bare `--flag`s of one command, checked against the names it knows. Each getter answers
/// the value or an error naming the option and the reason, so a command's parser reads as a list of its options.
/// </summary>
public sealed class OptionValues
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> flags = new(StringComparer.Ordinal);

    private OptionValues() { }

    public static (OptionValues? Values, string? Error) Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> known, IReadOnlyCollection<string> knownFlags)
    {
        var result = new OptionValues();
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) return (null, $"expected `--option value`, got '{args[i]}'");
            var name = args[i][2..];
            if (knownFlags.Contains(name)) { result.flags.Add(name); continue; }
            if (!known.Contains(name)) return (null, $"unknown option --{name}");
            if (i + 1 >= args.Count) return (null, $"--{name} needs a value");
            result.values[name] = args[++i];
        }
        return (result, null);
    }

    public bool Flag(string name) => flags.Contains(name);

    public string? Text(string name) => values.GetValueOrDefault(name);

    /// <summary>An integer option within [min, max], or its default when absent.</summary>
    public (long Value, string? Error) Integer(string name, long fallback, long min, long max)
    {
        if (!values.TryGetValue(name, out var text)) return (fallback, null);
        return long.TryParse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
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
