using ContentGrains.Cli.Import;

namespace ContentGrains.Cli.Simulation;

/// <summary>
/// `contentgrains simulate`: a simulated audience against a running engine, or `simulate bulk` to write a synthetic data
/// set for the scale benchmark, or `simulate comments` to write comments with planted negative sentiment spikes. Exit codes: 0 done, 2 usage error, 3 the engine cannot be reached or refuses requests.
/// </summary>
public static class SimulateCommand
{
    public const int UsageError = 2, EngineUnavailable = 3;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancel = default)
    {
        if (args.Count > 0 && args[0] == "bulk") return Bulk(args.Skip(1).ToList(), output, errors);
        if (args.Count > 0 && args[0] == "comments") return Comments(args.Skip(1).ToList(), output, errors);
        var (options, error) = SimulateOptions.Parse(args);
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

    private static int Comments(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var (options, error) = CommentsOptions.Parse(args);
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

    private static int Bulk(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var (options, error) = BulkOptions.Parse(args);
        if (options is null)
        {
            errors.WriteLine($"simulate bulk: {error}");
            return UsageError;
        }
        var summary = new BulkWriter(options, errors).Write();
        output.WriteLine($"simulate bulk: {summary.Items:N0} items and {summary.Events:N0} events ({options.Users:N0} people) in {summary.Seconds:F1} s: " +
                         string.Join(", ", summary.Files));
        return 0;
    }
}
