namespace ContentGrains.Cli.CommandLine;

/// <summary>
/// Where a command writes: its results to <see cref="Output"/>, errors and progress to <see cref="Errors"/>; progress is
/// drawn as a live bar only when <see cref="Terminal"/> (stderr is a terminal), plain periodic lines otherwise.
/// </summary>
public sealed record CliIo(TextWriter Output, TextWriter Errors, bool Terminal = false)
{
    /// <summary>The process's own console.</summary>
    public static CliIo Console() => new(System.Console.Out, System.Console.Error, !System.Console.IsErrorRedirected);
}
