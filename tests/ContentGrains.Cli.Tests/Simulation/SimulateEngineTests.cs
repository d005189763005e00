using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using ContentGrains.Cli.Simulation;
using ContentGrains.Testing;

namespace ContentGrains.Cli.Tests.Simulation;

/// <summary>
/// `simulate` against the real engine process (embedded SQLite on a temp folder, an API key): every event the simulated
/// audience sent is accepted and shows in the items' counters, the engine is retrained between days, and the report's
/// figures agree with each other.
/// </summary>
public sealed class SimulateEngineTests : IDisposable
{
    private readonly TempDirectory folder = new();
    public void Dispose() => folder.Dispose();

    private const string Key = "sim-key";

    [Fact]
    public async Task Simulates_days_against_the_engine_whose_counters_match_the_report()
    {
        await using var silo = await SiloProcess.StartSqliteAsync(Path.Combine(folder.Path, "engine"), ApiKeyArgs.Entry(0, "test", Key, "ingest", "read", "admin"));
        var (reportPath, impressionsPath) = (Path.Combine(folder.Path, "report.json"), Path.Combine(folder.Path, "impressions.jsonl"));
        var (output, errors) = (new StringWriter(), new StringWriter());

        var exit = await SimulateCommand.RunAsync(["--url", $"http://127.0.0.1:{silo.HttpPort}", "--api-key", Key, "--users", "40", "--items", "80",
            "--days", "3", "--seed", "4", "--feed-size", "6", "--parallel", "2", "--retrain-every-day", "--out", reportPath,
            "--impressions", impressionsPath], output, errors);

        Assert.True(exit == 0, $"exit {exit}: {errors}\n{output}");
        var report = SimulationReport.Load(reportPath);
        Assert.Equal(80, report.ItemsStored);
        Assert.Equal(3, report.Days.Count);
        Assert.True(report.Events.Sent > 0);
        Assert.Equal((report.Events.Sent, 0L, 0L), (report.Events.Accepted, report.Events.Duplicates, report.Events.Rejected));
        Assert.NotNull(report.Days[0].TrainedAfter);
        Assert.NotNull(report.Days[1].TrainedAfter);
        Assert.Null(report.Days[2].TrainedAfter);                                      // nothing to train for after the last day
        // The engine trains as a job (202), so the line names the job and then its version.
        Assert.True(Regex.IsMatch(output.ToString(), @"retrained after day 0: job \S+ succeeded: version 1"), output.ToString());

        var days = report.Days.Select(d => d.Figures).ToList();
        foreach (var day in days)
        {
            Assert.True(day.Visitors > 0 && day.Impressions > 0, $"day {day.Day}: {day}");
            Assert.InRange(day.Impressions, day.Feeds, day.Feeds * 6L);                  // at most feed-size items per feed
            Assert.Equal((double)day.Clicks / day.Impressions, day.Ctr, 12);
            Assert.InRange(day.MeanOracleProbability, 0.0, 1.0);
            Assert.True(day.OracleCtr >= day.MeanOracleProbability - 1e-12, "the oracle's feed is at least as good as the engine's for the same visits");
            Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow.Date.AddDays(day.Day - 3)), day.Date); // the past three days, up to yesterday
            Assert.NotEmpty(day.Models);
            Assert.InRange(day.RandomCtr, 0.0, day.OracleCtr);
        }
        Assert.Null(days[0].Retention);
        Assert.Equal((double)days[1].ReturnedFromYesterday / days[0].Visitors, days[1].Retention!.Value, 12);
        Assert.Equal(days.Sum(d => d.Clicks), report.Totals.Clicks);

        // The impression log holds every shown slot, with the probabilities the report averaged.
        var lines = File.ReadLines(impressionsPath).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(days.Sum(d => d.Impressions), lines.Count);
        Assert.Equal(days.Sum(d => d.Clicks), lines.Count(l => (bool)l["clicked"]!));
        Assert.All(lines.Where(l => (bool)l["clicked"]!), l => Assert.True((bool)l["examined"]! && (double)l["oracleProbability"]! > 0));
        Assert.Equal(days[0].MeanOracleProbability, lines.Where(l => (int)l["day"]! == 0).Average(l => (double)l["oracleProbability"]!), 9);

        // Every impression, click and like the report counts reached the engine's item counters.
        var http = silo.Http;
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var (impressions, clicks, likes) = (days.Sum(d => d.Impressions), days.Sum(d => d.Clicks), days.Sum(d => d.Likes));
        var counted = await Eventually.Get(async () =>
        {
            long i = 0, c = 0, l = 0;
            for (var item = 0; item < 80; item++)
            {
                var stats = JsonNode.Parse(await http.GetStringAsync($"/v1/items/i{item}"))!["stats"]!;
                (i, c, l) = (i + (long)stats["impressions"]!, c + (long)stats["clicks"]!, l + (long)stats["likes"]!);
            }
            return (i, c, l);
        }, totals => totals == (impressions, clicks, likes), "the items' counters to add up to the report's", timeoutMs: 30_000);
        Assert.Equal((impressions, clicks, likes), counted);
    }

    [Fact]
    public async Task An_unreachable_engine_stops_the_simulation_with_a_clear_error()
    {
        var errors = new StringWriter();
        var exit = await SimulateCommand.RunAsync(["--url", $"http://127.0.0.1:{Ports.Free()}", "--users", "2", "--items", "2", "--days", "1"], new StringWriter(), errors);
        Assert.Equal(SimulateCommand.EngineUnavailable, exit);
        Assert.Contains("simulate: stopped: cannot reach the engine at http://127.0.0.1:", errors.ToString());
    }
}
