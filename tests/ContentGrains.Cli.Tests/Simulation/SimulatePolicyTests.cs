using ContentGrains.Cli.Simulation;
using ContentGrains.Testing;

namespace ContentGrains.Cli.Tests.Simulation;

/// <summary>`simulate --policy`: the yardstick policies run in memory with no engine, and options that need an engine are refused with them.</summary>
public sealed class SimulatePolicyTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task The_informed_learner_runs_with_no_engine_between_random_and_the_oracle()
    {
        var reports = new Dictionary<string, SimulationReport>();
        foreach (var policy in new[] { "informed", "oracle", "random" })
        {
            var (output, errors) = (new StringWriter(), new StringWriter());
            var path = Path.Combine(folder.Path, $"{policy}.json");
            var exit = await SimulateCommand.RunAsync(["--policy", policy, "--users", "60", "--items", "120", "--days", "3", "--seed", "4",
                "--parallel", "1", "--out", path], output, errors);
            Assert.True(exit == 0, $"{policy}: exit {exit}: {errors}\n{output}");
            Assert.Contains($"policy {policy} (in memory)", output.ToString());
            reports[policy] = SimulationReport.Load(path);
            Assert.Equal($"in-memory:{policy}", reports[policy].Engine);
        }
        double Expected(string policy) => reports[policy].Totals.MeanOracleProbability;
        Assert.True(Expected("random") < Expected("informed") && Expected("informed") < Expected("oracle"),
            $"random {Expected("random"):F4}, informed {Expected("informed"):F4}, oracle {Expected("oracle"):F4}");
        Assert.All(reports["informed"].Days, d => Assert.Equal(["informed-learner"], d.Figures.Models));
    }

    [Theory]
    [InlineData(new[] { "--policy", "best" }, "--policy: 'best' is not one of engine, informed, oracle, random")]
    [InlineData(new[] { "--policy", "informed", "--url", "http://127.0.0.1:1" }, "--policy informed runs in memory with no engine: --url, --retrain-every-day, --retrain-click-every-day and --variant-items do not apply")]
    [InlineData(new[] { "--policy", "oracle", "--retrain-every-day" }, "--policy oracle runs in memory with no engine: --url, --retrain-every-day, --retrain-click-every-day and --variant-items do not apply")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--learner-samples", "64" }, "--learner-samples applies to --policy informed only")]
    [InlineData(new[] { "--policy", "informed", "--learner-samples", "0" }, "--learner-samples must be a whole number between 1 and 65,536, got '0'")]
    [InlineData(new string[0], "--url is required: the engine to simulate an audience for, like http://127.0.0.1:5080")]
    public void Options_that_do_not_fit_the_policy_are_refused_by_name(string[] args, string error)
    {
        var (options, problem) = SimulateOptions.Parse(args);
        Assert.Null(options);
        Assert.Equal(error, problem);
    }
}
