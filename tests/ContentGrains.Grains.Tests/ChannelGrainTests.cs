using ContentGrains.Abstractions;
using ContentGrains.Testing;

namespace ContentGrains.Grains.Tests;

/// <summary>Channel rules and each person's exposure (sends, time zone, "see less") survive a restart; the user grain keeps checking.</summary>
public sealed class ChannelGrainTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Rules_time_zone_sends_and_see_less_survive_a_restart()
    {
        var at = new DateTimeOffset(2026, 1, 5, 3, 0, 0, TimeSpan.Zero); // Monday 12:00 in Tokyo
        await using (var first = await EngineCluster.StartAsync(folder))
        {
            var channel = first.Grains.GetGrain<IChannelGrain>("push");
            Assert.Empty(await channel.PutRulesAsync(new ChannelRulesSpec { CapPerDay = 2, CapPerWeek = 10, MinGapMinutes = 60 }));
            Assert.Equal("timeZone", (await first.Grains.GetGrain<IUserGrain>("tz-user").PutSettingsAsync(new UserSettings("Nowhere/City"))).Single().Field);
            Assert.Empty(await first.Grains.GetGrain<IUserGrain>("tz-user").PutSettingsAsync(new UserSettings("Asia/Tokyo")));
            var result = await channel.RecordSendsAsync([new SendSpec("tz-user", "i1", at)]);
            Assert.Equal(1, result!.Recorded);
            // A dislike on the push channel: "see less" halves the cap from 2 to 1.
            var ingest = await first.Grains.GetGrain<IIngestGrain>(0).IngestAsync([new InteractionEvent
            {
                EventId = "dis-1", UserId = "tz-user", ItemId = "i1", Type = "dislike", Timestamp = at.AddMinutes(5), Channel = "push",
            }]);
            Assert.Equal(1, ingest.Accepted);
        }
        await using var second = await EngineCluster.StartAsync(folder);
        var again = second.Grains.GetGrain<IChannelGrain>("push");
        Assert.Equal(60, (await again.GetAsync())!.Rules.MinGapMinutes);
        Assert.Equal("Asia/Tokyo", (await second.Grains.GetGrain<IUserGrain>("tz-user").GetSettingsAsync()).TimeZone);
        var refused = await again.RecordSendsAsync([
            new SendSpec("tz-user", "i1", at.AddHours(3)),  // the same item again
            new SendSpec("tz-user", "i2", at.AddMinutes(30)), // within the gap of the first send
            new SendSpec("tz-user", "i3", at.AddHours(4)),  // the second of the day: over the cap that fatigue left
            new SendSpec("tz-user", "i4", at.AddHours(14)), // 02:00 in Tokyo the next day: quiet hours (22–8 by default)
        ]);
        Assert.Equal(["already-sent", "min-gap", "cap-per-day", "quiet-hours"], refused!.Refused.Select(r => r.Reason));
        Assert.Equal(0, refused.Recorded);
    }
}
