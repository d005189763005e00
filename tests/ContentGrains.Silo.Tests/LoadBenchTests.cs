using System.Net;
using ContentGrains.Bench.Load;
using ContentGrains.Testing;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// What can go wrong in bench/load's tooling (bench/ContentGrains.Bench.Load): the percentiles of a run, the open loop's
/// schedule and its count of late and unsent requests (on a virtual clock, so the figures are exact), and the Orleans
/// client path answering a real feed from a silo process.
/// </summary>
public sealed class LoadBenchTests
{
    [Fact]
    public void A_run_summary_takes_nearest_rank_percentiles_of_the_answered_requests_and_counts_errors_by_status()
    {
        // 1,000 answers of 1 … 1,000 ms (shuffled by due time), 10 refusals and 5 requests without an answer.
        var samples = Enumerable.Range(1, 1000).Select(ms => new FeedSample((ms * 7919 % 1000) / 100.0, ms, 200))
            .Concat(Enumerable.Range(0, 10).Select(i => new FeedSample(i, 5, 503)))
            .Concat(Enumerable.Range(0, 5).Select(i => new FeedSample(i, 30_000, 0))).ToList();

        var summary = LatencySummary.Of(new LoadRun(samples, Late: 3, NotSent: 2), seconds: 10);

        Assert.Equal((1015, 1000, 15), (summary.Requests, summary.Answered, summary.Errors));
        Assert.Equal((500.0, 900.0, 990.0, 999.0, 1000.0), (summary.P50, summary.P90, summary.P99, summary.P999, summary.Max));
        Assert.Equal(100.0, summary.FeedsPerSecond);
        Assert.Equal(new Dictionary<string, int> { ["503"] = 10, ["no answer"] = 5 }, summary.ErrorsByStatus);
        Assert.Equal((3L, 2L), (summary.Late, summary.NotSent));
        Assert.Equal(990.0, summary.ToJson()["latencyMs"]!["p99"]!.GetValue<double>());
        // By due second (0 … 9): the answers only; 990 of them took over 10 ms, and the slowest (1,000 ms) is in one second.
        Assert.Equal(10, summary.BySecond.Count);
        Assert.Equal(990, summary.BySecond.Sum(s => s.Over10Ms));
        Assert.Equal(1000.0, summary.BySecond.Max(s => s.MaxMs));
        Assert.Equal(10, summary.ToJson()["over10MsBySecond"]!.AsArray().Count);
    }

    [Fact]
    public void A_run_with_no_answer_has_no_percentiles_rather_than_zero()
    {
        var summary = LatencySummary.Of(new LoadRun([new FeedSample(0, 10, 0)], 0, 0), seconds: 1);

        Assert.True(double.IsNaN(summary.P99));
        Assert.Null(summary.ToJson()["latencyMs"]!["p99"]);
        Assert.False(new RatePoint(100, summary).Holds(50));
    }

    [Fact]
    public void Clients_share_the_rate_offset_from_each_other()
    {
        var schedule = new OpenLoopSchedule(rate: 4, clients: 2, seconds: 1);

        Assert.Equal(0.5, schedule.Interval);
        Assert.Equal([0.0, 0.5], [schedule.Due(0, 0), schedule.Due(0, 1)]);
        Assert.Equal([0.25, 0.75], [schedule.Due(1, 0), schedule.Due(1, 1)]);
        Assert.Equal((2L, 2L), (schedule.Count(0), schedule.Count(1)));
        Assert.Equal(10L, new OpenLoopSchedule(rate: 10, clients: 1, seconds: 1).Count(0)); // 1 / 0.1 must not round up to 11
    }

    [Fact]
    public async Task A_server_faster_than_the_rate_gets_every_request_on_time()
    {
        var clock = new VirtualClock();
        var latencies = new List<double>();

        var tally = await new OpenLoopSchedule(rate: 10, clients: 1, seconds: 1).RunClientAsync(0, clock, async due =>
        {
            await clock.Serve(0.05);
            latencies.Add(Math.Round((clock.Now - due) * 1000, 6));
        }, CancellationToken.None);

        Assert.Equal(new ClientTally(Sent: 10, Late: 0, NotSent: 0), tally);
        Assert.All(latencies, ms => Assert.Equal(50.0, ms));
    }

    [Fact]
    public async Task A_server_slower_than_the_rate_makes_requests_late_counts_latency_from_the_due_time_and_drops_a_run_behind()
    {
        // 10/s from one client for 1 s, each answer taking 0.25 s. Request k is due at 0.1 k and answered at 0.25 (k + 1):
        // every request after the first goes out late, latency 250 + 150 k ms; request k is overdue by 0.15 k s when its
        // client is free, more than the run's 1 s from k = 7, so 7 are sent and the last 3 never are.
        var clock = new VirtualClock();
        var latencies = new List<double>();

        var tally = await new OpenLoopSchedule(rate: 10, clients: 1, seconds: 1).RunClientAsync(0, clock, async due =>
        {
            await clock.Serve(0.25);
            latencies.Add(Math.Round((clock.Now - due) * 1000, 6));
        }, CancellationToken.None);

        Assert.Equal(new ClientTally(Sent: 7, Late: 6, NotSent: 3), tally);
        Assert.Equal([250.0, 400.0, 550.0, 700.0, 850.0, 1000.0, 1150.0], latencies);
    }

    [Fact]
    public void The_sweep_reports_the_highest_rate_held_within_50_ms_and_the_1000_per_second_target()
    {
        static RatePoint Point(double rate, double p99, int errors = 0) => new(rate, new LatencySummary(
            1000, 1000 - errors, 10, 1, 2, p99, p99, p99, 0, 0, new Dictionary<string, int>(), []));
        var points = new[] { Point(250, 3), Point(500, 8), Point(1000, 12), Point(2000, 45, errors: 1), Point(4000, 900) };

        var json = RateSweep.ToJson(points);

        Assert.Equal(1000.0, json["highestRateWithP99AtMost50Ms"]!.GetValue<double>()); // 2,000/s had an error
        Assert.False(json["target1000PerSecondP99AtMost10Ms"]!.GetValue<bool>());
        Assert.Null(RateSweep.ToJson([Point(250, 60)])["highestRateWithP99AtMost50Ms"]);
        Assert.Null(RateSweep.ToJson([Point(250, 3)])["target1000PerSecondP99AtMost10Ms"]);
    }

    [Fact]
    public async Task The_Orleans_client_path_answers_a_real_feed_from_a_silo_process()
    {
        using var data = new TempDirectory();
        await using var silo = await SiloProcess.StartSqliteAsync(data.Path);
        var items = new[] { "load-a", "load-b", "load-c", "load-d" };
        foreach (var item in items)
            Assert.Equal(204, (await silo.Http.PutJsonAsync($"/v1/items/{item}", new { title = $"Story {item}", tags = new[] { "news" } })).Status);
        Assert.Equal(200, (await silo.Http.PostJsonAsync("/v1/events", new[] { Event("load-e1", "reader-1", "load-a") })).Status);

        await using var orleans = await OrleansFeedTarget.ConnectAsync([new IPEndPoint(IPAddress.Loopback, silo.GatewayPort)]);
        var feed = await orleans.FeedAsync("reader-1", 3);

        Assert.Equal("reader-1", feed.UserId);
        Assert.InRange(feed.Items.Count, 1, 3);
        Assert.All(feed.Items, entry => Assert.Contains(entry.ItemId, items));
        Assert.Equal(200, await orleans.GetFeedAsync("reader-1", 3, CancellationToken.None));
        Assert.Equal(200, (await silo.Http.GetJsonAsync("/v1/users/reader-1/feed?count=3")).Status);
    }

    /// <summary>Time that moves only when the schedule waits or a request is served: exact figures, no real sleeping.</summary>
    private sealed class VirtualClock : ILoadClock
    {
        public double Now { get; private set; }

        public Task WaitUntilAsync(double second, CancellationToken cancellation)
        {
            Now = Math.Max(Now, second);
            return Task.CompletedTask;
        }

        public Task Serve(double seconds)
        {
            Now += seconds;
            return Task.CompletedTask;
        }
    }
}
