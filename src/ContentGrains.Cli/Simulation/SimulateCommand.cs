using System.CommandLine;
using ContentGrains.Cli.CommandLine;
using ContentGrains.Cli.Import;

namespace ContentGrains.Cli.Simulation;

/// <summary>
/// `contentgrains simulate`: a simulated audience against a running engine, or `simulate bulk` to write a synthetic data
/// set for the scale benchmark, or `simulate comments` to write comments with planted negative sentiment spikes. Exit codes: 0 done, 2 usage error, 3 the engine cannot be reached or refuses requests.
/// </summary>
public static class SimulateCommand
{
    public const int UsageError = 2, EngineUnavailable = 3;

    public static Command Create(CliIo io)
    {
        var simulate = CommandTree.Leaf("simulate",
            "A simulated audience against a running engine: people with planted tastes ask for feeds, click, like and leave over simulated days; reports how the engine's feeds did against an oracle. " +
            "Exit codes: 0 done, 2 usage error, 3 engine unreachable or refusing.",
            SimulateOptions.Declare(), (values, cancel) => RunAsync(values, io.Output, io.Errors, cancel));
        simulate.Add(CommandTree.Leaf("bulk", "Writes a synthetic data set for the scale benchmark (no engine): RecBole files or the API's JSON Lines, with optional planted groups and bots.",
            BulkOptions.Declare(), values => Bulk(values, io)));
        simulate.Add(CommandTree.Leaf("comments", "Writes comment events with planted negative sentiment spikes (comments.jsonl) and their truth (spikes.tsv); no engine.",
            CommentsOptions.Declare(), values => Comments(values, io.Output, io.Errors)));
        return simulate;
    }

    /// <summary>Runs `simulate` with the words after its name.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancel = default) =>
        CommandTree.RunAsync(Create(new CliIo(output, errors)), args, new CliIo(output, errors), cancel);

    private static async Task<int> RunAsync(OptionValues values, TextWriter output, TextWriter errors, CancellationToken cancel)
    {
        var (options, error) = SimulateOptions.Parse(values);
        if (options is null)
        {
            errors.WriteLine($"simulate: {error}");
            return UsageError;
        }
        try
        {
            return await new SimulationRunner(options, output, errors).RunAsync(cancel);
        }
        catch (Exception problem) when (problem is TargetUnavailableException or HttpRequestException)
        {
            errors.WriteLine($"simulate: stopped: {problem.Message}");
            return EngineUnavailable;
        }
    }

    private static int Comments(OptionValues values, TextWriter output, TextWriter errors)
    {
        var (options, error) = CommentsOptions.Parse(values);
        if (options is null)
        {
            errors.WriteLine($"simulate comments: {error}");
            return UsageError;
        }
        var (planted, comments) = CommentsWriter.Write(options);
        output.WriteLine($"simulate comments: {comments:N0} comments on {options.Items} items over {options.Days} days from {planted.FirstDay:yyyy-MM-dd}, " +
                         $"{options.Spikes} planted spikes -> {Path.Combine(options.Out, "comments.jsonl")}, {Path.Combine(options.Out, "spikes.tsv")}");
        return 0;
    }

    private static int Bulk(OptionValues values, CliIo io)
    {
        var (output, errors) = (io.Output, io.Errors);
        var (options, error) = BulkOptions.Parse(values);
        if (options is null)
        {
            errors.WriteLine($"simulate bulk: {error}");
            return UsageError;
        }
        var summary = WorkProgress.Run(io, "simulate bulk", options.Items + options.Events, "records", progress => new BulkWriter(options, progress).Write());
        output.WriteLine($"simulate bulk: {summary.Items:N0} items and {summary.Events:N0} events ({options.Users:N0} people) in {summary.Seconds:F1} s: " +
                         string.Join(", ", summary.Files));
        return 0;
    }
}
