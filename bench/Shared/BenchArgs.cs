namespace ContentGrains.Bench;

/// <summary>
/// `--name value` pairs of a bench program's command line, the one reader the bench programs share: each option must be
/// one of <c>known</c> and have a value; the last value of a repeated option counts.
/// </summary>
public static class BenchArgs
{
    public static (Dictionary<string, string>? Values, string? Error) Read(IReadOnlyList<string> args, IReadOnlyCollection<string> known)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (name is null || !known.Contains(name)) return (null, $"unknown option '{args[i]}'");
            if (i + 1 >= args.Count) return (null, $"--{name} needs a value");
            values[name] = args[++i];
        }
        return (values, null);
    }
}
