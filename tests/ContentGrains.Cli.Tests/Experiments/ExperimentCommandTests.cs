using System.Text.Json.Nodes;
using ContentGrains.Cli.Experiments;
using ContentGrains.Testing;

namespace ContentGrains.Cli.Tests.Experiments;

/// <summary>`contentgrains experiment` against the real engine process, and the offline simulate bench on a tiny world.</summary>
public sealed class ExperimentCommandTests : IDisposable
{
    private readonly TempDirectory folder = new();
    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Create_start_results_and_stop_against_a_running_engine_with_exit_codes_for_conflicts()
    {
        await using var silo = await SiloProcess.StartSqliteAsync(folder.Path);
        var url = silo.Http.BaseAddress!.ToString();
        var spec = Path.Combine(folder.Path, "spec.json");
        await File.WriteAllTextAsync(spec, """{"arms":[{"name":"control"},{"name":"more-popular","feed":{"popularityWeight":1.5}}],"metrics":[{"name":"clicks"}]}""");

        var output = new StringWriter();
        var errors = new StringWriter();
        Assert.True(await ExperimentCommand.RunAsync(["create", "--url", url, "--id", "cli-exp", "--spec", spec], output, errors) == 0, errors.ToString());
        Assert.Equal("draft", (string)JsonNode.Parse(output.ToString())!["status"]!);
        Assert.Equal(0, await ExperimentCommand.RunAsync(["start", "--url", url, "--id", "cli-exp"], TextWriter.Null, TextWriter.Null));
        Assert.Equal(5, await ExperimentCommand.RunAsync(["start", "--url", url, "--id", "cli-exp"], TextWriter.Null, TextWriter.Null));

        var resultsFile = Path.Combine(folder.Path, "results.json");
        Assert.Equal(0, await ExperimentCommand.RunAsync(["results", "--url", url, "--id", "cli-exp", "--out", resultsFile], TextWriter.Null, TextWriter.Null));
        var results = JsonNode.Parse(await File.ReadAllTextAsync(resultsFile))!;
        Assert.Equal(("running", "keep-running"), ((string)results["status"]!, (string)results["decision"]!["verdict"]!));
        Assert.Equal(0, await ExperimentCommand.RunAsync(["stop", "--url", url, "--id", "cli-exp"], TextWriter.Null, TextWriter.Null));
        Assert.Equal(4, await ExperimentCommand.RunAsync(["results", "--url", url, "--id", "missing"], TextWriter.Null, TextWriter.Null));

        var bad = new StringWriter();
        Assert.Equal(2, await ExperimentCommand.RunAsync(["create", "--url", url, "--id", "x"], TextWriter.Null, bad));
        Assert.Contains("--spec is required", bad.ToString());
    }

    [Fact]
    public async Task Simulate_runs_the_aa_and_lift_bench_on_a_tiny_world()
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await ExperimentCommand.RunAsync(
            ["simulate", "--worlds", "2", "--salts", "3", "--users", "200", "--items", "30", "--pre-days", "2", "--days", "3",
             "--lift-trials", "1", "--lift-users", "300"], output, errors);

        Assert.True(exit == 0, errors.ToString());
        var result = JsonNode.Parse(output.ToString())!["result"]!;
        Assert.Equal(6, (int)result["aa"]!["tests"]!);
        Assert.Equal(3, result["aa"]!["fixedPeekedFalsePositiveRateByDay"]!.AsArray().Count);
        var rate = (double)result["aa"]!["sequentialFalsePositiveRate"]!;
        Assert.InRange(rate, 0, 1);
        Assert.Equal(1, result["lift"]!["perTrial"]!.AsArray().Count);
        // A day-by-day false-positive rate of repeated looks can only grow.
        var byDay = result["aa"]!["fixedPeekedFalsePositiveRateByDay"]!.AsArray().Select(v => (double)v!).ToList();
        Assert.Equal(byDay.Order(), byDay);
    }

    [Fact]
    public async Task Ratio_runs_the_ctr_aa_and_power_bench_on_small_tests()
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        var exit = await ExperimentCommand.RunAsync(["ratio", "--aa-tests", "40", "--lift-trials", "10", "--persons", "400", "--lift", "0.5"], output, errors);

        Assert.True(exit == 0, errors.ToString());
        var result = JsonNode.Parse(output.ToString())!["result"]!;
        Assert.Equal((40, 10), ((int)result["aaFalsePositives"]!["tests"]!, (int)result["liftDetected"]!["tests"]!));
        Assert.InRange((double)result["aaFalsePositives"]!["fixed"]!, 0, 0.2); // 40 A/A tests at α = 0.05: 2 expected
        Assert.InRange((double)result["liftDetected"]!["fixed"]!, 0.5, 1); // a 50 % CTR lift over 400 persons is found most times
        Assert.InRange((double)result["meanMeasuredRelativeLift"]!, 0.3, 0.7);
    }

    [Fact]
    public async Task Bad_options_name_the_option()
    {
        var ratio = new StringWriter();
        Assert.Equal(2, await ExperimentCommand.RunAsync(["ratio", "--persons", "5"], TextWriter.Null, ratio));
        Assert.Contains("--persons must be a whole number between 20", ratio.ToString());
        var pass = new StringWriter();
        Assert.Equal(2, await ExperimentCommand.RunAsync(["results", "--url", "http://127.0.0.1:1", "--id", "x", "--pass", "sometimes"], TextWriter.Null, pass));
        Assert.Contains("--pass must be 'incremental' or 'full', got 'sometimes'", pass.ToString());
        var errors = new StringWriter();
        Assert.Equal(2, await ExperimentCommand.RunAsync(["simulate", "--worlds", "0"], TextWriter.Null, errors));
        Assert.Contains("--worlds must be a whole number between 1", errors.ToString());
        var lift = new StringWriter();
        Assert.Equal(2, await ExperimentCommand.RunAsync(["simulate", "--lift", "big"], TextWriter.Null, lift));
        Assert.Contains("--lift must be a number between 0 and 1", lift.ToString());
        var ingested = new StringWriter();
        Assert.Equal(2, await ExperimentCommand.RunAsync(["ingested", "--url", "http://127.0.0.1:1", "--people", "5"], TextWriter.Null, ingested));
        Assert.Contains("--people must be a whole number between 10", ingested.ToString());
        var noUrl = new StringWriter();
        Assert.Equal(2, await ExperimentCommand.RunAsync(["ingested"], TextWriter.Null, noUrl));
        Assert.Contains("experiment ingested: --url must be the engine's absolute URL", noUrl.ToString());
        Assert.Equal(2, await ExperimentCommand.RunAsync(["launch"], TextWriter.Null, TextWriter.Null));
        Assert.Equal(2, await ExperimentCommand.RunAsync(["start", "--id", "x"], TextWriter.Null, TextWriter.Null));
    }
}
