using ContentGrains.Testing;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// kill -9 of one of two silos on PostgreSQL during heavy ingestion through the other: every answer is the truth
/// (events committed to the log are acknowledged, even while their dispatch to grains on the lost silo is pending),
/// and every event is in the log once and counted once by its item and its user once the grains have moved.
/// </summary>
public sealed class SiloKillTests : IAsyncLifetime
{
    private TestPostgres database = null!;

    public async Task InitializeAsync()
    {
        database = await TestPostgres.CreateAsync();
        var apply = await SiloProcessCommand.RunAsync(["schema", "apply", "--profile", "postgres", "--postgres", database.ConnectionString]);
        Assert.True(apply.ExitCode == 0, apply.Output);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Killing_a_silo_mid_dispatch_loses_doubles_and_refuses_nothing_that_was_stored()
    {
        await using var doomed = await SiloProcess.StartPostgresAsync(database.ConnectionString, "kill-a");
        await using var survivor = await SiloProcess.StartPostgresAsync(database.ConnectionString, "kill-b");
        var drill = new IngestDrill(() => [survivor.Http], clients: 4, batchSize: 250);
        await drill.PrepareAsync(survivor.Http);

        using var stop = new CancellationTokenSource();
        var traffic = drill.RunAsync(stop.Token);
        await Task.Delay(5_000);
        await doomed.KillAsync();
        await Task.Delay(20_000);
        await stop.CancelAsync();
        await traffic;

        var report = await drill.VerifyAsync(database.ConnectionString, survivor.Http);
        // Every batch went to the survivor, whose log was up throughout: each answer is 200 and says all it stored.
        Assert.Equal((0, 0, 0), (report.Refusals503, report.RefusalsOther, report.LostAnswers));
        Assert.Equal((report.Sent, report.Sent, 0L), (report.Logged, report.AcknowledgedAccepted, report.Duplicates));
        Assert.Equal((0, 0, 0), (report.Lost, report.CountedTwice, report.CountedMissing));
        Assert.True(report.DispatchPending > 0, $"no answer reported events pending dispatch, so the kill hit no dispatch: {report}");
    }
}
