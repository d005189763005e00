using Microsoft.Data.Sqlite;
using ContentGrains.Testing;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// The embedded store on a small filesystem that fills up: writes answer 503 with Retry-After and a detail that says
/// the store is full, reads go on, nothing acknowledged is lost or corrupted, and ingestion recovers once space returns.
/// </summary>
public sealed class DiskFullTests
{
    [Fact]
    public async Task A_full_disk_refuses_writes_clearly_corrupts_nothing_and_recovers_when_space_returns()
    {
        await using var disk = await SmallFilesystem.MountAsync(megabytes: 64);
        var accepted = 0L;
        var text = new string('t', 2_000);
        object[] Batch(int n) => Enumerable.Range(0, 200).Select(i => (object)new
        {
            eventId = $"full-{n}-{i}", userId = $"fu{i % 10}", itemId = "full-item", type = "click",
            timestamp = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O"), channel = "web", text,
        }).ToArray();

        await using (var silo = await SiloProcess.StartSqliteAsync(disk.Path))
        {
            await silo.Http.PutJsonAsync("/v1/items/full-item", Item("Full", "storage"));
            accepted += (await silo.Http.PostJsonAsync("/v1/events", Batch(0))).Body.Long("accepted");
            var filler = disk.Fill(leaveBytes: 512 * 1024);

            var refusedBatch = -1;
            for (var n = 1; n < 200 && refusedBatch < 0; n++)
            {
                using var response = await silo.Http.PostAsync("/v1/events", System.Net.Http.Json.JsonContent.Create(Batch(n)));
                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode == 200) { accepted += System.Text.Json.Nodes.JsonNode.Parse(body).Long("accepted"); continue; }
                Assert.True((int)response.StatusCode == 503, $"{(int)response.StatusCode}: {body}");
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Contains("store is full", body);
                refusedBatch = n;
            }
            Assert.True(refusedBatch > 0, "the store never filled up");
            // Reads go on while writes are refused.
            Assert.Equal(accepted, (await silo.Http.GetJsonAsync("/v1/items/full-item")).Body.Long("stats.clicks"));
            Assert.Equal(200, (await silo.Http.GetJsonAsync("/v1/users/fu1/feed")).Status);

            File.Delete(filler);
            var (status, again) = await Eventually.Get(() => silo.Http.PostJsonAsync("/v1/events", Batch(refusedBatch)), r => r.Status == 200, "ingestion once space returned", 30_000);
            accepted += again.Long("accepted");
            Assert.Equal(accepted, (await silo.Http.GetJsonAsync("/v1/items/full-item")).Body.Long("stats.clicks"));
            await silo.StopAsync();
        }

        // Nothing corrupted: SQLite's own check passes, the log holds exactly what was acknowledged, and a restarted silo counts it once.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(disk.Path, "contentgrains.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var check = new SqliteCommand("PRAGMA integrity_check", connection);
            Assert.Equal("ok", (string?)await check.ExecuteScalarAsync());
            await using var count = new SqliteCommand("SELECT count(*) FROM cg_events WHERE event_id LIKE 'full-%'", connection);
            Assert.Equal(accepted, (long)(await count.ExecuteScalarAsync())!);
        }
        await using var restarted = await SiloProcess.StartSqliteAsync(disk.Path);
        Assert.Equal(accepted, (await restarted.Http.GetJsonAsync("/v1/items/full-item")).Body.Long("stats.clicks"));
    }
}
