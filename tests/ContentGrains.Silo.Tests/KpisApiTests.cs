using ContentGrains.Testing;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// The KPI endpoints on a real host process. Two people: ann (web) sees items a–d and clicks a; bob (app) sees a and b
/// and clicks both. A timer bot, zed, views an item every 20 s (±0.3 s) forty times on web and is left out.
/// </summary>
public sealed class KpisApiTests : SqliteSiloTests
{
    /// <summary>UTC midnight of 20 minutes ago: the 18 minutes of events fall on one day and before now.</summary>
    private static readonly DateTimeOffset Start = new(DateTimeOffset.UtcNow.AddMinutes(-20).UtcDateTime.Date, TimeSpan.Zero);

    private static object At(string id, string user, string item, string type, double seconds, string channel) =>
        new { eventId = id, userId = user, itemId = item, type, timestamp = Start.AddSeconds(seconds).ToString("O"), channel };

    protected override async Task SeedAsync()
    {
        Assert.Equal(204, (await Http.PutJsonAsync("/v1/items/a", new { title = "A", format = "video" })).Status);
        Assert.Equal(204, (await Http.PutJsonAsync("/v1/items/b", new { title = "B", format = "article" })).Status);
        var events = new List<object>();
        foreach (var item in new[] { "a", "b", "c", "d" }) events.Add(At($"ann-i-{item}", "ann", item, "impression", 0, "web"));
        events.Add(At("ann-c-a", "ann", "a", "click", 5, "web"));
        foreach (var item in new[] { "a", "b" }) events.Add(At($"bob-i-{item}", "bob", item, "impression", 60, "app"));
        events.Add(At("bob-c-b", "bob", "b", "click", 70, "app"));
        events.Add(At("bob-c-a", "bob", "a", "click", 95, "app"));
        for (var i = 0; i < 40; i++) events.Add(At($"zed-{i}", "zed", $"x{i}", "view", 300 + i * 20 + i % 3 * 0.3, "web"));
        var (status, result) = await Http.PostJsonAsync("/v1/events", events);
        Assert.Equal((200, 49), (status, (int)result!["accepted"]!));
    }

    [Fact]
    public async Task Kpis_by_channel_leave_the_timer_bot_out_and_say_so()
    {
        var (status, run) = await Http.PostJsonAsync("/v1/kpis/compute", new { });
        Assert.Equal(200, status);
        Assert.Equal((49, 1, 40), (run.Long("eventsRead"), run.Long("excluded.flaggedPersons"), run.Long("excluded.excludedEventsByReason.robotic-regularity")));

        var flags = (await Http.GetJsonAsync("/v1/traffic/flags")).Body!.AsArray();
        var flag = Assert.Single(flags)!;
        Assert.Equal(("zed", "robotic-regularity"), ((string)flag["personId"]!, (string)flag["reason"]!));

        var (_, kpis) = await Http.GetJsonAsync("/v1/kpis?by=channel&metric=ctr");
        Assert.Equal("wilson", (string)kpis!["proportionInterval"]!);
        var rows = kpis["rows"]!.AsArray();
        Assert.Equal(["app", "web"], rows.Select(r => (string)r!["key"]!)); // ordered by CTR: 2/2, then 1/4
        Assert.Equal((2, 2), (rows[0].Long("impressions"), rows[0].Long("clicks")));
        Assert.Equal((4, 1, 5), (rows[1].Long("impressions"), rows[1].Long("clicks"), rows[1].Long("events"))); // zed's 40 web views are out
        // Wilson for 1 of 4 at 95%: [0.045587, 0.699358].
        Assert.Equal(0.045587, (double)rows[1]!["ctr"]!["low"]!, 5);
        Assert.Equal(0.699358, (double)rows[1]!["ctr"]!["high"]!, 5);
        Assert.Equal((3, 6), (kpis.Long("overall.clicks"), kpis.Long("overall.impressions")));
        Assert.Equal(40, kpis.Long("excluded.excludedEvents"));

        var (_, retention) = await Http.GetJsonAsync("/v1/kpis/retention");
        var cohort = Assert.Single(retention!["cohorts"]!.AsArray())!;
        Assert.Equal(2, cohort.Long("people")); // ann and bob; zed is not a person of any cohort
        Assert.Null(cohort["day1"]);           // the log has no later day yet
    }

    [Fact]
    public async Task Live_kpis_count_as_events_arrive_and_drop_the_bot_from_its_flag_on()
    {
        // Live, zed counts until the rules can judge him: his 31st view completes 30 even gaps, and it and the 9 after it are left out.
        var live = await Eventually.Get(async () => (await Http.GetJsonAsync("/v1/kpis/live?by=channel")).Body!,
            l => l.Long("excluded.includedEvents") + l.Long("excluded.excludedEvents") == 49, "all 49 events counted live");
        var rows = live["rows"]!.AsArray().ToDictionary(r => (string)r!["key"]!);
        Assert.Equal((4, 1, 35), (rows["web"].Long("impressions"), rows["web"].Long("clicks"), rows["web"].Long("events")));
        Assert.Equal((2, 2), (rows["app"].Long("impressions"), rows["app"].Long("clicks")));
        Assert.Equal((1, 10), (live.Long("excluded.flaggedPersons"), live.Long("excluded.excludedEventsByReason.robotic-regularity")));
        Assert.Equal(400, (await Http.GetJsonAsync("/v1/kpis/live?by=segment")).Status);
    }

    [Fact]
    public async Task Kpis_by_format_read_each_item_format_from_the_catalog()
    {
        Assert.Equal(200, (await Http.PostJsonAsync("/v1/kpis/compute", new { })).Status);

        var (status, kpis) = await Http.GetJsonAsync("/v1/kpis?by=format&metric=ctr");

        Assert.Equal(200, status);
        var rows = kpis!["rows"]!.AsArray().ToDictionary(r => (string)r!["key"]!, r => (r.Long("impressions"), r.Long("clicks")));
        Assert.Equal((2, 2), rows["video"]);   // a: shown to ann and bob, clicked by both
        Assert.Equal((2, 1), rows["article"]); // b: shown to both, clicked by bob
    }

    [Fact]
    public async Task Bad_queries_name_the_field()
    {
        var (status, problem) = await Http.GetJsonAsync("/v1/kpis?by=colour");
        Assert.Equal(400, status);
        Assert.Contains("by", (string)problem!["detail"]!);
        (status, problem) = await Http.GetJsonAsync("/v1/kpis?by=item&from=yesterday");
        Assert.Equal(400, status);
        Assert.StartsWith("from", (string)problem!["detail"]!);
        (status, problem) = await Http.GetJsonAsync("/v1/kpis?by=item&from=2026-03-02&to=2026-03-01");
        Assert.Equal(400, status);
        Assert.StartsWith("to must be after from", (string)problem!["detail"]!);
        (status, _) = await Http.GetJsonAsync("/v1/kpis?by=item&metric=likes");
        Assert.Equal(400, status);
    }
}
