using ContentGrains.Abstractions;
using ContentGrains.Core.Log;
using ContentGrains.Core.Privacy;
using ContentGrains.Storage;
using ContentGrains.Testing;
using static ContentGrains.Grains.Tests.Events;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// Deletion, consent and retention on a real store, across restarts of the engine: after a deletion the person's id is
/// in no table of the store (every text and binary column is searched), and their re-sent event ids count as new.
/// Run on SQLite and on PostgreSQL.
/// </summary>
public abstract class PrivacyContract : IAsyncLifetime
{
    /// <summary>A person's id that nothing else in the store contains, so any hit is a trace of them.</summary>
    protected const string Gone = "erase-me-7f3a";
    private const string Kept = "keep-me-2b9c";

    /// <summary>Starts the engine on the store; a second start after disposing the first opens the same store, as a restart does.</summary>
    protected abstract Task<EngineCluster> StartAsync(Action<EngineOptions>? configure = null);
    /// <summary>The store's tables and columns that hold <paramref name="text"/>.</summary>
    protected abstract Task<IReadOnlyList<string>> TracesAsync(string text);
    public abstract Task InitializeAsync();
    public abstract Task DisposeAsync();

    private static IUserPrivacyGrain Privacy(EngineCluster engine, string user) => engine.Grains.GetGrain<IUserPrivacyGrain>(user);
    private static Task<UserProfileView> ProfileAsync(EngineCluster engine, string user) => engine.Grains.GetGrain<IUserGrain>(user).GetProfileAsync();
    private static Task<IngestResult> IngestAsync(EngineCluster engine, params InteractionEvent[] events) => engine.Grains.GetGrain<IIngestGrain>(0).IngestAsync(events);

    private static async Task PutItemsAsync(EngineCluster engine) => Assert.Equal(3, (await engine.Grains.GetGrain<IItemImportGrain>(0).PutManyAsync(
    [
        new ItemUpsert("pv-a", Item("Golf one", "golf")),
        new ItemUpsert("pv-b", Item("Golf two", "golf")),
        new ItemUpsert("pv-c", Item("Chess", "chess")),
    ])).Stored);

    private static readonly InteractionEvent[] GoneEvents = [E("g1", Gone, "pv-a", "view"), E("g2", Gone, "pv-b", "click"), E("g3", Gone, "pv-c", "like")];

    [Fact]
    public async Task A_deleted_person_is_in_no_table_after_the_deletion_nor_after_a_restart_and_their_event_ids_count_as_new()
    {
        await using (var engine = await StartAsync())
        {
            await PutItemsAsync(engine);
            Assert.Equal(5, (await IngestAsync(engine, [.. GoneEvents, E("k1", Kept, "pv-a", "view"), E("k2", Kept, "pv-b", "like")])).Accepted);
            Assert.Empty(await engine.Grains.GetGrain<IUserGrain>(Gone).PutSettingsAsync(new UserSettings("Europe/Paris"))); // writes the snapshot
            Assert.Equal(3, (await ProfileAsync(engine, Gone)).EventCounts.Values.Sum());
            Assert.Contains("cg_events.user_id", await TracesAsync(Gone));

            var erasure = await Privacy(engine, Gone).EraseAsync("ops");
            Assert.Equal((3L, true, false), (erasure.EventsErased, erasure.SnapshotErased, erasure.ConsentKept));
            Assert.Contains("new person", erasure.Note);
            Assert.Empty(await TracesAsync(Gone));

            var again = await Privacy(engine, Gone).EraseAsync("ops"); // idempotent: nothing left to erase, and logged again
            Assert.Equal((0L, false), (again.EventsErased, again.SnapshotErased));
            var audit = await engine.SiloService<IPrivacyAudit>(0).ReadLatestAsync(10);
            Assert.Equal(2, audit.Count(a => a.Action == PrivacyActions.Delete && a.PersonSha256 == PersonHash.Of(Gone) && a.KeyName == "ops"));
            Assert.Contains(audit, a => a.Detail.StartsWith("events erased: 3;", StringComparison.Ordinal));
        }

        await using (var restarted = await StartAsync())
        {
            Assert.Empty(await TracesAsync(Gone));
            var profile = await ProfileAsync(restarted, Gone);
            Assert.Empty(profile.EventCounts);
            Assert.Empty(profile.Recent);
            var export = await Privacy(restarted, Gone).ExportAsync("ops");
            Assert.Equal(("UTC", 0), (export.Settings.TimeZone, export.Exposure.SeeLess.Count));
            Assert.Empty((await Privacy(restarted, Gone).GetEventsPageAsync(0, 100)).Events);
            Assert.Equal(2, (await ProfileAsync(restarted, Kept)).EventCounts.Values.Sum()); // nobody else lost anything

            // The dedupe entries went with the rows: the same ids are a new person's new events.
            var resent = await IngestAsync(restarted, GoneEvents);
            Assert.Equal((3, 0), (resent.Accepted, resent.Duplicates));
            Assert.Equal(3, (await ProfileAsync(restarted, Gone)).EventCounts.Values.Sum());
        }
    }

    [Fact]
    public async Task Withdrawn_tracking_erases_what_was_stored_and_refuses_new_events_across_a_restart_and_a_deletion()
    {
        await using (var engine = await StartAsync())
        {
            await PutItemsAsync(engine);
            Assert.Equal(3, (await IngestAsync(engine, GoneEvents)).Accepted);
            var consent = await Privacy(engine, Gone).PutConsentAsync(personalisation: true, tracking: false, "app");
            Assert.Equal((true, false), (consent.Personalisation, consent.Tracking));
            Assert.Empty(await engine.SiloService<IEventLog>(0).ReadUserAsync(Gone, 0));
            Assert.Empty((await ProfileAsync(engine, Gone)).EventCounts);

            var refused = await IngestAsync(engine, E("g4", Gone, "pv-a", "view"), E("k1", Kept, "pv-a", "view"));
            Assert.Equal((1, 0), (refused.Accepted, refused.Duplicates));
            var rejection = Assert.Single(refused.Rejected);
            Assert.Equal((0, "userId"), (rejection.Index, rejection.Field));
            Assert.Contains("withdrawn consent to tracking", rejection.Reason);
        }

        await using var restarted = await StartAsync();
        Assert.False((await Privacy(restarted, Gone).GetConsentAsync()).Tracking);
        Assert.Single((await IngestAsync(restarted, E("g5", Gone, "pv-b", "click"))).Rejected);

        var erasure = await Privacy(restarted, Gone).EraseAsync("ops");
        Assert.True(erasure.ConsentKept);
        Assert.Contains("refused", erasure.Note);
        Assert.Single((await IngestAsync(restarted, E("g6", Gone, "pv-b", "click"))).Rejected);
        // What remains is the refusal itself: the consent row, keyed by the id, holding no behaviour.
        Assert.Equal(["cg_consent.user_id"], await TracesAsync(Gone));
    }

    [Fact]
    public async Task Withdrawn_personalisation_serves_a_non_personal_feed_and_builds_no_profile_until_granted_again()
    {
        await using var engine = await StartAsync();
        await PutItemsAsync(engine);
        Assert.Equal(1, (await IngestAsync(engine, E("p1", Gone, "pv-a", "like"))).Accepted);
        Assert.Equal(1, (await ProfileAsync(engine, Gone)).EventCounts["like"]);

        await Privacy(engine, Gone).PutConsentAsync(personalisation: false, tracking: true, "app");
        Assert.Empty((await ProfileAsync(engine, Gone)).EventCounts);
        var feed = await engine.Grains.GetGrain<IUserGrain>(Gone).GetFeedAsync(10, null);
        Assert.Equal(NonPersonalFeed.ModelName, feed.Model);
        Assert.NotEmpty(feed.Items);
        Assert.All(feed.Items, i => Assert.EndsWith(NonPersonalFeed.ReasonSuffix, i.Reason));
        Assert.Contains("pv-a", feed.Items.Select(i => i.ItemId)); // liked, yet offered: nothing about the person is used

        // Tracking is still granted: events are stored (item statistics, models' item side) but build no profile.
        Assert.Equal(1, (await IngestAsync(engine, E("p2", Gone, "pv-b", "view"))).Accepted);
        Assert.Empty((await ProfileAsync(engine, Gone)).EventCounts);
        Assert.Null((await engine.Grains.GetGrain<IUserGrain>(Gone).GetSegmentAsync()).Segment);

        await Privacy(engine, Gone).PutConsentAsync(personalisation: true, tracking: true, "app");
        var rebuilt = await ProfileAsync(engine, Gone);
        Assert.Equal((1L, 1L), (rebuilt.EventCounts["like"], rebuilt.EventCounts["view"]));
        var personal = await engine.Grains.GetGrain<IUserGrain>(Gone).GetFeedAsync(10, null);
        Assert.NotEqual(NonPersonalFeed.ModelName, personal.Model);
        Assert.DoesNotContain("pv-a", personal.Items.Select(i => i.ItemId)); // consumed items are left out again
    }

    [Fact]
    public async Task Retention_expires_events_older_than_its_days_in_bounded_batches_and_logs_the_run()
    {
        await using var engine = await StartAsync(o => o.Retention = new RetentionSettings { EventDays = 30, BatchEvents = 2 });
        var old = Enumerable.Range(0, 5).Select(i => E($"old{i}", Kept, "pv-a", "view") with { Timestamp = Now.AddDays(-40) });
        var recent = Enumerable.Range(0, 2).Select(i => E($"new{i}", Kept, "pv-b", "view") with { Timestamp = Now.AddDays(-1) });
        Assert.Equal(7, (await IngestAsync(engine, [.. old, .. recent])).Accepted);

        var retention = engine.Grains.GetGrain<IRetentionGrain>("default");
        Assert.True(await retention.IsScheduledAsync());
        var run = await retention.RunAsync();
        Assert.Equal((30, 5L, 3), (run.EventDays, run.Expired, run.Batches)); // 2 + 2 + 1
        Assert.InRange(run.Cutoff!.Value, DateTimeOffset.UtcNow.AddDays(-30).AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(-30));
        var log = engine.SiloService<IEventLog>(0);
        Assert.Equal(["new0", "new1"], (await log.ReadAsync(0, 100)).Select(e => e.Event.EventId));
        Assert.Equal((0L, 1), ((await retention.RunAsync()).Expired, (await retention.RunAsync()).Batches));
        var entry = Assert.Single(await engine.SiloService<IPrivacyAudit>(0).ReadLatestAsync(10), a => a.Action == PrivacyActions.Retention);
        Assert.StartsWith("expired 5 events", entry.Detail);
    }
}

public sealed class SqlitePrivacyTests : PrivacyContract
{
    private readonly TempDirectory folder = new();

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task DisposeAsync()
    {
        folder.Dispose();
        return Task.CompletedTask;
    }

    protected override Task<EngineCluster> StartAsync(Action<EngineOptions>? configure = null) => EngineCluster.StartAsync(folder, configure: configure);

    protected override Task<IReadOnlyList<string>> TracesAsync(string text) => PersonTraces.InSqliteAsync(folder.SqliteConnectionString, text);

    [Fact]
    public async Task Retention_is_off_by_default_with_no_reminder()
    {
        await using var engine = await StartAsync();
        var retention = engine.Grains.GetGrain<IRetentionGrain>("default");
        Assert.False(await retention.IsScheduledAsync());
        var run = await retention.RunAsync();
        Assert.Equal(0, run.Expired);
        Assert.Contains("EventDays is 0", run.Note);
    }
}

public sealed class PostgresPrivacyTests : PrivacyContract
{
    private TestPostgres database = null!;

    public override async Task InitializeAsync()
    {
        database = await TestPostgres.CreateAsync();
        SchemaInstaller.ApplyPostgres(database.ConnectionString);
    }

    public override async Task DisposeAsync() => await database.DisposeAsync();

    protected override Task<EngineCluster> StartAsync(Action<EngineOptions>? configure = null) =>
        EngineCluster.StartPostgresAsync(database.ConnectionString, configure);

    protected override Task<IReadOnlyList<string>> TracesAsync(string text) => PersonTraces.InPostgresAsync(database.ConnectionString, text);
}
