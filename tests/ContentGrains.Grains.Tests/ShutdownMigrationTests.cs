using ContentGrains.Abstractions;
using ContentGrains.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using static ContentGrains.Grains.Tests.Events;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// A silo that shuts down cleanly hands over its user and item grains (migration, with their states carried by
/// <see cref="MigrationCodecs"/>'s converters, or deactivation with a snapshot); the next call finds every value on the
/// silo left, and no codec or migration failure is logged. Without the converters a real silo logged
/// CodecNotFoundException for every grain it tried to move; this in-process cluster's stop did not show that failure
/// (checked), so <c>MigrationCodecTests</c> holds the converters and this test holds the state across the stop.
/// </summary>
public sealed class ShutdownMigrationTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_stopping_silos_user_and_item_grains_keep_their_state_on_the_silo_left_with_no_migration_failure()
    {
        var logs = new RecordedLogs();
        // Prefer-local placement by default: grains activated from the silo that will stop live there. Orleans' own
        // default (resource-optimised) only prefers the calling silo, and under CI's load it put 400 people of 400
        // on the other silo, so nothing was left to migrate.
        await using var engine = await EngineCluster.StartAsync(folder, silos: 2, services: s =>
        {
            s.AddSingleton<ILoggerProvider>(logs);
            s.AddSingleton<PlacementStrategy, PreferLocalPlacement>();
        });
        // Activate people in batches until the stopping silo holds some, so the test never depends on one placement decision.
        var onSilo1 = engine.SiloService<IGrainFactory>(1);
        var stopping = engine.Cluster.Silos[1];
        var management = engine.Grains.GetGrain<IManagementGrain>(0);
        for (var i = 0; i < 8; i++) Assert.Empty(await onSilo1.GetGrain<IItemGrain>($"m{i}").PutAsync(Item($"M{i}", "drama")));
        var people = 0;
        List<string> onStopping = [];
        while (people < 400 && !onStopping.Any(id => id.StartsWith("user/", StringComparison.Ordinal)))
        {
            for (var p = people; p < people + 40; p++) await onSilo1.GetGrain<IUserGrain>($"user{p}").GetProfileAsync();
            people += 40;
            onStopping = (await management.GetDetailedGrainStatistics(hostsIds: [stopping.SiloAddress]))
                .Select(s => s.GrainId.ToString()).Where(id => id.StartsWith("user/", StringComparison.Ordinal) || id.StartsWith("item/", StringComparison.Ordinal)).ToList();
        }
        Assert.Contains(onStopping, id => id.StartsWith("user/", StringComparison.Ordinal)); // without grains there, nothing would be tested
        var events = Enumerable.Range(0, 3 * people).Select(i => E($"r{i}", $"user{i % people}", $"m{i % 8}", "view")).ToList();
        Assert.Equal(3 * people, (await engine.Grains.GetGrain<IIngestGrain>(0).IngestAsync(events)).Accepted);

        await engine.Cluster.StopSiloAsync(stopping);

        var migrationFailures = logs.Entries.Where(e => e.Exception is Orleans.Serialization.CodecNotFoundException
            || e.Message.Contains("migrate", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(migrationFailures.Count == 0, string.Join("\n", migrationFailures.Take(3).Select(e => $"{e.Category}: {e.Message} {e.Exception?.GetType().Name}")));
        // Every person's three views are still there, served by the silo left.
        for (var p = 0; p < people; p++)
            Assert.Equal(3, (await engine.Grains.GetGrain<IUserGrain>($"user{p}").GetProfileAsync()).EventCounts["view"]);
        for (var m = 0; m < 8; m++)
            Assert.Equal(3 * people / 8, (await engine.Grains.GetGrain<IItemGrain>($"m{m}").GetAsync())!.Stats.Views);
    }
}
