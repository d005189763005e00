using ContentGrains.Core.Events;
using ContentGrains.Core.Log;

namespace ContentGrains.Storage.Tests;

/// <summary>What every event log must do; run against SQLite and PostgreSQL.</summary>
public abstract class EventLogContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Opens the log; a second call opens the same store again, as after a restart.</summary>
    protected abstract Task<GroupCommitLog> OpenAsync();
    public abstract Task InitializeAsync();
    public abstract Task DisposeAsync();

    protected static Interaction Event(string id, string user = "u1", string item = "i1", EventType type = EventType.Click, int minute = 0,
        double dwell = 0, double? value = null, string? text = null) =>
        new(id, user, item, type, T0.AddMinutes(minute), "web", dwell, value, text);

    [Fact]
    public async Task Appends_events_with_increasing_sequences_and_reads_them_back_exactly()
    {
        await using var log = await OpenAsync();
        var stored = Event("e1", dwell: 12.5, value: 3.25, text: "héllo, wörld");
        var sequences = await log.AppendAsync([stored, Event("e2", type: EventType.Dwell, minute: 1)]);

        Assert.True(sequences[0] > 0 && sequences[1] > sequences[0]);
        var all = await log.ReadAsync(0, 10);
        Assert.Equal(2, all.Count);
        Assert.Equal(sequences[0], all[0].Sequence);
        Assert.Equal(stored, all[0].Event);
        Assert.Equal(EventType.Dwell, all[1].Event.Type);
        Assert.Equal(2, await log.CountAsync());
    }

    [Fact]
    public async Task The_headline_variant_of_an_event_reads_back_and_is_null_when_absent()
    {
        await using var log = await OpenAsync();
        var shown = Event("v1", type: EventType.Impression) with { Variant = "short-headline" };
        await log.AppendAsync([shown, Event("v2")]);

        var all = await log.ReadItemAsync("i1", 0);
        Assert.Equal(shown, all[0].Event);
        Assert.Null(all[1].Event.Variant);
    }

    [Fact]
    public async Task A_duplicate_id_answers_zero_within_a_call_and_across_calls()
    {
        await using var log = await OpenAsync();
        var first = await log.AppendAsync([Event("a"), Event("a", minute: 5), Event("b")]);
        var second = await log.AppendAsync([Event("b"), Event("c")]);

        Assert.True(first[0] > 0);
        Assert.Equal(0, first[1]);
        Assert.True(first[2] > 0);
        Assert.Equal(0, second[0]);
        Assert.True(second[1] > first[2]);
        Assert.Equal(3, await log.CountAsync());
        // The first copy wins: the stored event is the one at minute 0.
        Assert.Equal(T0, (await log.ReadAsync(0, 10))[0].Event.Timestamp);
    }

    [Fact]
    public async Task Recent_events_read_back_by_id_as_stored_and_none_received_before_the_cut()
    {
        await using var log = await OpenAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var sequences = await log.AppendAsync([Event("a", user: "u1"), Event("b", user: "u2", item: "i2"), Event("c")]);

        var recent = await log.ReadRecentAsync(["c", "a", "missing"], before);
        Assert.Equal([("a", sequences[0]), ("c", sequences[2])], recent.Select(e => (e.Event.EventId, e.Sequence)).ToArray());
        Assert.Equal(Event("a", user: "u1"), recent[0].Event);
        Assert.Empty(await log.ReadRecentAsync(["a", "b", "c"], DateTimeOffset.UtcNow.AddMinutes(1)));
    }

    [Fact]
    public async Task Dedupe_survives_reopening_the_store()
    {
        await using (var log = await OpenAsync())
            await log.AppendAsync([Event("x1"), Event("x2")]);
        await using var reopened = await OpenAsync();
        var again = await reopened.AppendAsync([Event("x1"), Event("x3")]);

        Assert.Equal(0, again[0]);
        Assert.True(again[1] > 0);
        Assert.Equal(3, await reopened.CountAsync());
    }

    [Fact]
    public async Task Concurrent_appends_are_group_committed_and_each_caller_gets_its_own_answer()
    {
        await using var log = await OpenAsync();
        var batches = Enumerable.Range(0, 40)
            .Select(b => Enumerable.Range(0, 50).Select(i => Event($"c{b}-{i}", user: $"u{i % 7}")).ToList())
            .ToList();
        // Batch 0 is sent twice: exactly one of the two copies may win each id.
        var results = await Task.WhenAll(batches.Append(batches[0]).Select(b => log.AppendAsync(b)));

        Assert.Equal(2_000, await log.CountAsync());
        var appended = results.SelectMany(r => r).Where(s => s > 0).ToList();
        Assert.Equal(2_000, appended.Count);
        Assert.Equal(appended.Count, appended.Distinct().Count());
        Assert.Equal(50, results[0].Zip(results[^1]).Count(p => (p.First > 0) ^ (p.Second > 0)));
    }

    [Fact]
    public async Task Reads_by_user_and_by_item_after_a_position_in_sequence_order()
    {
        await using var log = await OpenAsync();
        var seq = await log.AppendAsync([Event("1", "ann", "i1"), Event("2", "bob", "i1"), Event("3", "ann", "i2"), Event("4", "ann", "i1")]);

        Assert.Equal(["1", "3", "4"], (await log.ReadUserAsync("ann", 0)).Select(e => e.Event.EventId));
        Assert.Equal(["3", "4"], (await log.ReadUserAsync("ann", seq[0])).Select(e => e.Event.EventId));
        Assert.Equal(["1", "2", "4"], (await log.ReadItemAsync("i1", 0)).Select(e => e.Event.EventId));
        Assert.Empty(await log.ReadItemAsync("i1", seq[3]));
        Assert.Equal(["2", "3"], (await log.ReadAsync(seq[0], 2)).Select(e => e.Event.EventId));
    }

    /// <summary>
    /// A tenant's rows are those of its qualified persons: the default tenant's have no '/', tenant "ab"'s start with
    /// "ab/". The near misses ("abc/", "a/", "ab_x" with LIKE's wildcard, upper case) must not count as "ab"'s.
    /// </summary>
    [Fact]
    public async Task A_tenants_page_and_count_hold_only_its_own_rows_in_sequence_order()
    {
        await using var log = await OpenAsync();
        var seq = await log.AppendAsync([
            Event("d1", "ann"), Event("t1", "ab/ann"), Event("x1", "abc/ann"), Event("t2", "ab/bob", "ab/i2"), Event("x2", "a/ann"),
            Event("d2", "ab_ann"), Event("x3", "AB/ann"), Event("t3", "ab/ann", "ab/i3"),
        ]);

        Assert.Equal(["t1", "t2", "t3"], (await log.ReadTenantAsync("ab", 0, 10)).Select(e => e.Event.EventId));
        Assert.Equal(["t1", "t2"], (await log.ReadTenantAsync("ab", 0, 2)).Select(e => e.Event.EventId));
        Assert.Equal(["t3"], (await log.ReadTenantAsync("ab", seq[3], 2)).Select(e => e.Event.EventId));
        Assert.Equal(Event("t2", "ab/bob", "ab/i2"), (await log.ReadTenantAsync("ab", seq[1], 1)).Single().Event);
        Assert.Equal(["d1", "d2"], (await log.ReadTenantAsync("", 0, 10)).Select(e => e.Event.EventId));
        Assert.Equal(["x1"], (await log.ReadTenantAsync("abc", 0, 10)).Select(e => e.Event.EventId));
        Assert.Empty(await log.ReadTenantAsync("zz", 0, 10));

        Assert.Equal((3L, 1L, 2L, 1L), (await log.CountTenantAsync("ab", 0), await log.CountTenantAsync("ab", seq[3]),
            await log.CountTenantAsync("", 0), await log.CountTenantAsync("", seq[0])));
    }

    [Fact]
    public async Task A_tenant_read_pages_only_that_tenants_rows_and_the_default_tenants_are_those_without_a_tenant()
    {
        await using var log = await OpenAsync();
        // "ab" starts with "a": only the separator tells tenant a's rows from ab's.
        await log.AppendAsync([Event("1", "ann"), Event("a/2", "a/ann", "a/i1"), Event("ab/3", "ab/ann", "ab/i1"), Event("a/4", "a/bob", "a/i1"),
            Event("5", "bob"), Event("a/6", "a/ann", "a/i2")]);

        Assert.Equal(["a/2", "a/4"], (await log.ReadTenantAsync("a", 0, 2)).Select(e => e.Event.EventId));
        var page = await log.ReadTenantAsync("a", 0, 2);
        Assert.Equal(["a/6"], (await log.ReadTenantAsync("a", page[^1].Sequence, 2)).Select(e => e.Event.EventId));
        Assert.Equal(["ab/3"], (await log.ReadTenantAsync("ab", 0, 10)).Select(e => e.Event.EventId));
        Assert.Equal(["1", "5"], (await log.ReadTenantAsync("", 0, 10)).Select(e => e.Event.EventId));
        Assert.Empty(await log.ReadTenantAsync("b", 0, 10));
        // The same pages through the job's view of the log, and the fallback every in-memory log gets.
        var paged = new List<string>();
        await foreach (var e in Core.Log.LogPages.ReadAllAsync(new Core.Tenants.TenantEventLog(log, "a"), 1)) paged.Add(e.EventId);
        Assert.Equal(["a/2", "a/4", "a/6"], paged);
        IEventLog fallback = new ReadOnlyLog(log);
        Assert.Equal(["a/2", "a/4"], (await fallback.ReadTenantAsync("a", 0, 2)).Select(e => e.Event.EventId));
        Assert.Equal(["1", "5"], (await fallback.ReadTenantAsync("", 0, 2)).Select(e => e.Event.EventId));
    }

    /// <summary>A log with only the interface's own members: <see cref="IEventLog.ReadTenantAsync"/> is the interface's fallback.</summary>
    private sealed class ReadOnlyLog(IEventLog inner) : IEventLog
    {
        public Task<long[]> AppendAsync(IReadOnlyList<Interaction> events, CancellationToken cancellation = default) => inner.AppendAsync(events, cancellation);
        public Task<IReadOnlyList<LoggedInteraction>> ReadUserAsync(string userId, long afterSequence, CancellationToken cancellation = default) => inner.ReadUserAsync(userId, afterSequence, cancellation);
        public Task<IReadOnlyList<LoggedInteraction>> ReadItemAsync(string itemId, long afterSequence, CancellationToken cancellation = default) => inner.ReadItemAsync(itemId, afterSequence, cancellation);
        public Task<IReadOnlyList<LoggedInteraction>> ReadAsync(long afterSequence, int limit, CancellationToken cancellation = default) => inner.ReadAsync(afterSequence, limit, cancellation);
        public Task<long> CountAsync(CancellationToken cancellation = default) => inner.CountAsync(cancellation);
    }
}

public sealed class SqliteEventLogTests : EventLogContract
{
    private readonly Testing.TempDirectory folder = new();

    public override Task InitializeAsync()
    {
        SchemaInstaller.ApplySqlite(folder.SqliteConnectionString);
        return Task.CompletedTask;
    }

    protected override Task<GroupCommitLog> OpenAsync() =>
        Task.FromResult<GroupCommitLog>(new SqliteEventLog(folder.SqliteConnectionString, new SqliteWriteGate()));

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void Applying_the_schema_twice_changes_nothing_and_switches_to_WAL()
    {
        SchemaInstaller.ApplySqlite(folder.SqliteConnectionString);
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(folder.SqliteConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
        command.CommandText = "SELECT count(*) FROM OrleansQuery WHERE QueryKey IN ('WriteToStorageKey','ReadFromStorageKey','UpsertReminderRowKey')";
        Assert.Equal(3L, command.ExecuteScalar());
    }
}

public sealed class PostgresEventLogTests : EventLogContract
{
    private Testing.TestPostgres database = null!;

    public override async Task InitializeAsync()
    {
        database = await Testing.TestPostgres.CreateAsync();
        SchemaInstaller.ApplyPostgres(database.ConnectionString);
    }

    protected override Task<GroupCommitLog> OpenAsync() =>
        Task.FromResult<GroupCommitLog>(new PostgresEventLog(Npgsql.NpgsqlDataSource.Create(database.ConnectionString)));

    public override async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Applying_the_schema_twice_changes_nothing_and_defines_every_provider_query()
    {
        SchemaInstaller.ApplyPostgres(database.ConnectionString);
        Assert.Equal(21, await database.ScalarAsync("SELECT count(*) FROM orleansquery"));
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM cg_events"));
    }
}
