using ContentGrains.Core.Events;
using ContentGrains.Core.Log;
using ContentGrains.Core.Privacy;

namespace ContentGrains.Storage.Tests;

/// <summary>What the event log and the privacy store must do for privacy; run against SQLite and PostgreSQL.</summary>
public abstract class PrivacyStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Opens the log and the privacy store on one database.</summary>
    protected abstract (GroupCommitLog Log, IEventErasure Erasure, SqlPrivacyStore Store) Open();
    public abstract Task InitializeAsync();
    public abstract Task DisposeAsync();

    private static Interaction Event(string id, string user, int day = 0) => new(id, user, "i1", EventType.View, T0.AddDays(day), "web", 0, null, null);

    [Fact]
    public async Task Erasing_a_person_removes_their_rows_and_dedupe_entries_only_and_pages_read_in_order()
    {
        var (log, erasure, _) = Open();
        await using var _log = log;
        await log.AppendAsync([Event("a1", "ann"), Event("b1", "bob"), Event("a2", "ann"), Event("a3", "ann")]);

        var first = await erasure.ReadUserPageAsync("ann", 0, 2);
        Assert.Equal(["a1", "a2"], first.Select(e => e.Event.EventId));
        Assert.Equal(["a3"], (await erasure.ReadUserPageAsync("ann", first[^1].Sequence, 2)).Select(e => e.Event.EventId));

        Assert.Equal(3, await erasure.EraseUserAsync("ann"));
        Assert.Equal(0, await erasure.EraseUserAsync("ann"));
        Assert.Equal(["b1"], (await log.ReadAsync(0, 10)).Select(e => e.Event.EventId));
        var again = await log.AppendAsync([Event("a1", "ann"), Event("b1", "bob")]);
        Assert.True(again[0] > 0, "an erased event id is new again");
        Assert.Equal(0, again[1]);
    }

    [Fact]
    public async Task Events_of_a_person_who_withdrew_tracking_are_refused_in_the_commit_and_others_still_stored()
    {
        var (log, _, store) = Open();
        await using var _log = log;
        await store.PutAsync("quiet", new Consent(Personalisation: true, Tracking: false, T0));
        await store.PutAsync("private", new Consent(Personalisation: false, Tracking: true, T0));

        var sequences = await log.AppendAsync([Event("q1", "quiet"), Event("p1", "private"), Event("q1", "quiet"), Event("o1", "other")]);
        Assert.Equal(IEventLog.Refused, sequences[0]);
        Assert.True(sequences[1] > 0);
        Assert.Equal(0, sequences[2]); // the same id twice in one call: the second copy is a duplicate of the first, whatever became of it
        Assert.True(sequences[3] > sequences[1]);
        Assert.Equal(2, await log.CountAsync());

        Assert.Equal(new Consent(true, false, T0), await store.GetAsync("quiet"));
        Assert.True(await store.DeleteAsync("quiet"));
        Assert.Null(await store.GetAsync("quiet"));
        Assert.True((await log.AppendAsync([Event("q2", "quiet")]))[0] > 0);
    }

    [Fact]
    public async Task An_activation_read_answers_the_persons_stored_consent_and_their_events_after_the_sequence_in_one_read()
    {
        var (log, _, store) = Open();
        await using var _log = log;
        var sequences = await log.AppendAsync([Event("a1", "ann"), Event("b1", "bob"), Event("a2", "ann", day: 1), Event("a3", "ann", day: 2)]);
        await store.PutAsync("ann", new Consent(Personalisation: false, Tracking: true, T0));

        var ann = await log.ReadUserActivationAsync("ann", sequences[0]);
        Assert.True(ann.ConsentRead);
        Assert.Equal(new Consent(false, true, T0), ann.Consent);
        Assert.Equal(["a2", "a3"], ann.Events.Select(e => e.Event.EventId));
        Assert.Equal([sequences[2], sequences[3]], ann.Events.Select(e => e.Sequence));
        Assert.Equal(Event("a3", "ann", day: 2), ann.Events[1].Event);

        // Consent stored, no event after the sequence: the consent still comes back, with no event.
        var annCaughtUp = await log.ReadUserActivationAsync("ann", sequences[3]);
        Assert.Equal(new Consent(false, true, T0), annCaughtUp.Consent);
        Assert.Empty(annCaughtUp.Events);

        // Events and no consent stored (most people): no consent, their events only.
        var bob = await log.ReadUserActivationAsync("bob", 0);
        Assert.True(bob.ConsentRead);
        Assert.Null(bob.Consent);
        Assert.Equal(["b1"], bob.Events.Select(e => e.Event.EventId));

        // A person never seen: nothing of either.
        var nobody = await log.ReadUserActivationAsync("nobody", 0);
        Assert.True(nobody.ConsentRead);
        Assert.Null(nobody.Consent);
        Assert.Empty(nobody.Events);
    }

    [Fact]
    public async Task Expiry_deletes_only_events_before_the_cutoff_at_most_a_batch_at_a_time()
    {
        var (log, erasure, _) = Open();
        await using var _log = log;
        await log.AppendAsync([Event("old1", "u", day: -40), Event("old2", "u", day: -35), Event("old3", "v", day: -31), Event("new1", "u", day: -1)]);

        var cutoff = T0.AddDays(-30);
        Assert.Equal(2, await erasure.ExpireBeforeAsync(cutoff, 2));
        Assert.Equal(1, await erasure.ExpireBeforeAsync(cutoff, 2));
        Assert.Equal(0, await erasure.ExpireBeforeAsync(cutoff, 2));
        Assert.Equal(["new1"], (await log.ReadAsync(0, 10)).Select(e => e.Event.EventId));
    }

    [Fact]
    public async Task The_audit_reads_back_newest_first()
    {
        var (log, _, store) = Open();
        await using var _log = log;
        await store.AppendAsync(new PrivacyAuditEntry(PrivacyActions.Consent, PersonHash.Of("ann"), "web", T0, "personalisation: false"));
        await store.AppendAsync(new PrivacyAuditEntry(PrivacyActions.Delete, PersonHash.Of("ann"), "ops", T0.AddMinutes(1), "events erased: 3"));

        var entries = await store.ReadLatestAsync(10);
        Assert.Equal([PrivacyActions.Delete, PrivacyActions.Consent], entries.Select(e => e.Action));
        Assert.Equal(new PrivacyAuditEntry(PrivacyActions.Delete, PersonHash.Of("ann"), "ops", T0.AddMinutes(1), "events erased: 3"), entries[0]);
        Assert.Single(await store.ReadLatestAsync(1));
    }

    [Fact]
    public async Task Each_tenant_reads_only_its_own_audit_entries()
    {
        var (log, _, store) = Open();
        await using var _log = log;
        await store.AppendAsync(new PrivacyAuditEntry(PrivacyActions.Consent, PersonHash.Of("ann"), "ops", T0, "personalisation: false"));
        await store.AppendAsync(new PrivacyAuditEntry(PrivacyActions.Delete, PersonHash.Of("a/ann"), "acme-web", T0.AddMinutes(1), "events erased: 2", "a"));
        await store.AppendAsync(new PrivacyAuditEntry(PrivacyActions.Export, PersonHash.Of("b/ann"), "b-web", T0.AddMinutes(2), "events: 1", "b"));

        Assert.Equal(new PrivacyAuditEntry(PrivacyActions.Delete, PersonHash.Of("a/ann"), "acme-web", T0.AddMinutes(1), "events erased: 2", "a"),
            Assert.Single(await store.ReadLatestAsync(10, "a")));
        Assert.Equal([PrivacyActions.Export], (await store.ReadLatestAsync(10, "b")).Select(e => e.Action));
        Assert.Equal([PrivacyActions.Consent], (await store.ReadLatestAsync(10)).Select(e => e.Action)); // the default tenant's
        Assert.Empty(await store.ReadLatestAsync(10, "c"));
    }
}

public sealed class SqlitePrivacyStoreTests : PrivacyStoreContract
{
    private readonly Testing.TempDirectory folder = new();
    private readonly SqliteWriteGate gate = new();

    public override Task InitializeAsync()
    {
        SchemaInstaller.ApplySqlite(folder.SqliteConnectionString);
        return Task.CompletedTask;
    }

    protected override (GroupCommitLog Log, IEventErasure Erasure, SqlPrivacyStore Store) Open()
    {
        var log = new SqliteEventLog(folder.SqliteConnectionString, gate);
        return (log, log, SqlPrivacyStore.Sqlite(folder.SqliteConnectionString, gate));
    }

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class PostgresPrivacyStoreTests : PrivacyStoreContract
{
    private Testing.TestPostgres database = null!;
    private Npgsql.NpgsqlDataSource dataSource = null!;

    public override async Task InitializeAsync()
    {
        database = await Testing.TestPostgres.CreateAsync();
        SchemaInstaller.ApplyPostgres(database.ConnectionString);
        dataSource = Npgsql.NpgsqlDataSource.Create(database.ConnectionString);
    }

    protected override (GroupCommitLog Log, IEventErasure Erasure, SqlPrivacyStore Store) Open()
    {
        var log = new PostgresEventLog(dataSource);
        return (log, log, SqlPrivacyStore.Postgres(dataSource));
    }

    public override async Task DisposeAsync()
    {
        await dataSource.DisposeAsync();
        await database.DisposeAsync();
    }
}
