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
        database = await PostgresSchema.CreateDatabaseAsync();
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Killing_a_silo_mid_dispatch_loses_doubles_and_refuses_nothing_that_was_stored()
    {
        await using var doomed = await SiloProcess.StartPostgresAsync(database.ConnectionString, "kill-a");
        await using var survivor = await SiloProcess.StartPostgresAsync(database.ConnectionString, "kill-b");
        // First the traffic goes to the doomed silo, so the grains activate there (placement prefers the silo that takes
        // the call); then to the survivor, whose dispatch calls those grains when the doomed silo is killed.
        var target = doomed;
        var drill = new IngestDrill(() => [target.Http], clients: 4, batchSize: 250);
        await drill.PrepareAsync(doomed.Http);

        using var stop = new CancellationTokenSource();
        var traffic = drill.RunAsync(stop.Token);
        await Task.Delay(6_000);
        target = survivor;
        await Task.Delay(3_000); // batches still under way at the doomed silo finish
        await doomed.KillAsync();
        await Task.Delay(20_000);
        await stop.CancelAsync();
        await traffic;

        var report = await drill.VerifyAsync(database.ConnectionString, survivor.Http);
        // The survivor's log was up throughout: it refused nothing, and said of every event it stored that it was accepted,
        // those still pending dispatch to the lost silo's grains included.
        Assert.Equal((0, 0), (report.Refusals503, report.RefusalsOther));
        Assert.True(report.DispatchPending > 0, $"no answer reported events pending dispatch, so the kill hit no dispatch: {report}");
        // A batch cut off at the doomed silo is sent again: its stored events answer as duplicates, nothing more.
        Assert.True(report.Duplicates <= report.LostAnswers * 250L, report.ToString());
        Assert.Equal((report.Sent, 0L), (report.Logged, report.Lost));
        Assert.Equal((0L, 0L), (report.CountedTwice, report.CountedMissing));
    }
}
