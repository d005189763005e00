using System.Text.Json.Nodes;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>The channel routes of a real running host: rules, a person's time zone, a plan, sends checked by the user grains.</summary>
public sealed class ChannelsApiTests(HttpApiFixture fixture) : IClassFixture<HttpApiFixture>
{
    private HttpClient Http => fixture.Silo.Http;
    private static readonly string[] People = ["ch-p0", "ch-p1", "ch-p2", "ch-p3", "ch-p4", "ch-tokyo"];

    [Fact]
    public async Task Rules_and_time_zones_are_validated_naming_the_field()
    {
        var (status, problem) = await Http.PutJsonAsync("/v1/channels/bad-rules", new { capPerDay = -1, quietStartHour = 25 });
        Assert.Equal(400, status);
        Assert.NotNull(problem!["errors"]!["capPerDay"]);
        Assert.NotNull(problem["errors"]!["quietStartHour"]);
        Assert.Equal(404, (await Http.GetJsonAsync("/v1/channels/bad-rules")).Status);

        var (tzStatus, tzProblem) = await Http.PutJsonAsync("/v1/users/ch-mars/settings", new { timeZone = "Mars/Olympus" });
        Assert.Equal(400, tzStatus);
        Assert.Contains("not a known IANA time zone", (string)tzProblem!["errors"]!["timeZone"]![0]!);
        Assert.Equal("UTC", (string)(await Http.GetJsonAsync("/v1/users/ch-mars/settings")).Body!["timeZone"]!);
    }

    [Fact]
    public async Task A_plan_respects_formats_quiet_hours_and_caps_and_sends_are_checked_by_each_person()
    {
        var (put, view) = await Http.PutJsonAsync("/v1/channels/mail", new
        {
            formats = new[] { "article" }, capPerDay = 1, capPerWeek = 1, minGapMinutes = 180, quietStartHour = 22, quietEndHour = 8, costPerSend = 2.0,
        });
        Assert.Equal(200, put);
        Assert.Equal(180, (double)view!["rules"]!["minGapMinutes"]!);
        Assert.Equal(200, (await Http.PutJsonAsync("/v1/users/ch-tokyo/settings", new { timeZone = "Asia/Tokyo" })).Status);
        foreach (var (id, format) in new[] { ("ch-a1", "article"), ("ch-a2", "article"), ("ch-a3", "article"), ("ch-v1", "video") })
            Assert.Equal(204, (await Http.PutJsonAsync($"/v1/items/{id}", new { title = id, format, tags = new[] { "news" } })).Status);
        // Every person was sent ch-a1 by mail a day ago and clicked it: the log's sends and opens, and ch-a1's CTR.
        var at = DateTimeOffset.UtcNow.AddHours(-30);
        var events = People.SelectMany(p => new[]
        {
            new { eventId = $"{p}-imp", userId = p, itemId = "ch-a1", type = "impression", timestamp = at.ToString("O"), channel = "mail" },
            new { eventId = $"{p}-clk", userId = p, itemId = "ch-a1", type = "click", timestamp = at.AddMinutes(10).ToString("O"), channel = "mail" },
        }).ToArray();
        Assert.Equal(200, (await Http.PostJsonAsync("/v1/events", events)).Status);
        await Task.Delay(TimeSpan.FromSeconds(2)); // the silo's catalog copy refreshes every second

        var (learned, summary) = await Http.PostJsonAsync("/v1/channels/mail/learn", null);
        Assert.True(learned == 200, fixture.Silo.Output[^Math.Min(4000, fixture.Silo.Output.Length)..]);
        Assert.True(summary.Long("sends") >= 6);
        var (status, plan) = await Http.GetJsonAsync("/v1/channels/mail/plan?horizon=24h");

        Assert.True(status == 200, fixture.Silo.Output[^Math.Min(4000, fixture.Silo.Output.Length)..]);
        Assert.DoesNotContain("ch-v1", plan!["items"]!.AsArray().Select(i => (string)i!));
        var entries = plan["entries"]!.AsArray().Select(e => e!).ToList();
        Assert.Equal(People.Order(), entries.Select(e => (string)e["personId"]!).Order()); // one each: the week's cap is 1
        Assert.Equal(3, entries.Select(e => (string)e["itemId"]!).Distinct().Count()); // spread over the three articles
        var tokyo = entries.Single(e => (string)e["personId"]! == "ch-tokyo");
        var localHour = TimeZoneInfo.ConvertTime(DateTimeOffset.Parse((string)tokyo["sendAt"]!), TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).Hour;
        Assert.InRange(localHour, 8, 21);
        foreach (var entry in entries)
        {
            var item = (await Http.GetJsonAsync($"/v1/items/{(string)entry["itemId"]!}")).Body!;
            Assert.Equal((double)item["stats"]!["smoothedCtr"]!, (double)entry["expectedClicks"]! / (double)entry["expectedOpens"]!, 3);
            Assert.Equal(2.0, (double)entry["cost"]!);
        }

        var sends = entries.Select(e => new { personId = (string)e["personId"]!, itemId = (string)e["itemId"]!, at = (string)e["sendAt"]! }).ToList();
        var (recordedStatus, recorded) = await Http.PostJsonAsync("/v1/channels/mail/sends", new { sends });
        Assert.Equal(200, recordedStatus);
        Assert.Equal(6, recorded.Long("recorded"));
        // A person on UTC, and a second send an hour from theirs on the side that stays out of quiet hours (22-8): inside
        // the 3-hour gap, so refused for the gap whatever the hour the plan chose (+1 h from 21:xx was quiet hours).
        var first = sends.First(s => s.personId != "ch-tokyo");
        var sentAt = DateTimeOffset.Parse(first.at);
        var nearby = sentAt.AddHours(sentAt.UtcDateTime.Hour < 15 ? 1 : -1);
        var again = new object[]
        {
            first,
            new { first.personId, itemId = "ch-zz", at = nearby.ToString("O") },
            new { personId = "bad id", itemId = "ch-a1", at = first.at },
        };
        var (_, refused) = await Http.PostJsonAsync("/v1/channels/mail/sends", new { sends = again });
        Assert.Equal(0, refused.Long("recorded"));
        var reasons = refused!["refused"]!.AsArray().Select(r => (string)r!["reason"]!).ToList();
        Assert.Equal("already-sent", reasons[0]);
        Assert.Equal("min-gap", reasons[1]);
        Assert.StartsWith("personId", reasons[2]);
        Assert.Equal(400, (await Http.GetJsonAsync("/v1/channels/mail/plan?horizon=8d")).Status);
        Assert.Equal(404, (await Http.GetJsonAsync("/v1/channels/never-set/plan")).Status);
    }
}
