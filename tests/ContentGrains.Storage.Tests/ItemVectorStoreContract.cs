using ContentGrains.Core.Vectors;

namespace ContentGrains.Storage.Tests;

/// <summary>What every item vector store must do; run against SQLite and PostgreSQL.</summary>
public abstract class ItemVectorStoreContract : IAsyncLifetime
{
    protected abstract IItemVectorStore Open();
    public abstract Task InitializeAsync();
    public abstract Task DisposeAsync();

    private static ItemTextVector Vector(string id, long hash, params float[] v) => new(id, hash, v);

    [Fact]
    public async Task Stores_a_vector_as_f16_and_reads_it_back_with_its_hash()
    {
        var store = Open();
        await store.UpsertAsync([Vector("news-1", -42L, 0.5f, -0.25f, 1f / 3)]);

        var back = (await store.GetAsync("news-1"))!;
        Assert.Equal(("news-1", -42L), (back.ItemId, back.TextHash));
        Assert.Equal(0.5f, back.Vector[0]);
        Assert.Equal(-0.25f, back.Vector[1]);
        Assert.Equal(1f / 3, back.Vector[2], 1e-3f); // f16: 11 significant bits
        Assert.Null(await store.GetAsync("news-2"));
        Assert.Equal(1, await store.CountAsync());
    }

    [Fact]
    public async Task Upsert_replaces_the_vector_and_hash_of_an_item_already_stored()
    {
        var store = Open();
        await store.UpsertAsync([Vector("a", 1, 1f, 0f), Vector("b", 2, 0f, 1f)]);
        await store.UpsertAsync([Vector("a", 3, 0f, -1f)]);

        Assert.Equal(new[] { 0f, -1f }, (await store.GetAsync("a"))!.Vector);
        var hashes = await store.GetTextHashesAsync(["a", "b", "missing"]);
        Assert.Equal(2, hashes.Count);
        Assert.Equal((3L, 2L), (hashes["a"], hashes["b"]));
        Assert.Equal(2, await store.CountAsync());
    }

    [Fact]
    public async Task Hash_lookups_and_deletes_take_more_ids_than_one_statement_holds()
    {
        var store = Open();
        var ids = Enumerable.Range(0, 1_203).Select(i => $"item-{i:D5}").ToList();
        await store.UpsertAsync(ids.Select((id, i) => Vector(id, i, i, 1f)).ToList());

        var hashes = await store.GetTextHashesAsync(ids.Append("item-99999").ToList());
        Assert.Equal(1_203, hashes.Count);
        Assert.Equal(1_202L, hashes["item-01202"]);

        await store.DeleteAsync(ids.Take(1_100).Append("never-stored").ToList());
        Assert.Equal(103, await store.CountAsync());
        Assert.Null(await store.GetAsync("item-00000"));
        Assert.NotNull(await store.GetAsync("item-01100"));
    }

    [Fact]
    public async Task Pages_walk_every_vector_once_in_ordinal_id_order()
    {
        var store = Open();
        // Upper case sorts before lower case in byte order; a culture-aware order would interleave them.
        string[] ids = ["b", "A", "a", "B", "item-10", "item-9", "Z"];
        await store.UpsertAsync(ids.Select((id, i) => Vector(id, i, i)).ToList());

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var page = await store.ReadPageAsync(after, 3);
            if (page.Count == 0) break;
            Assert.True(page.Count <= 3);
            seen.AddRange(page.Select(v => v.ItemId));
            after = page[^1].ItemId;
            pages++;
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), seen);
        Assert.Equal(3, pages);
        Assert.Equal(new[] { 5f }, (await store.ReadPageAsync("item-10", 1))[0].Vector); // "item-9" sorts after "item-10"
    }

    [Fact]
    public async Task An_empty_item_id_or_vector_is_refused_with_the_field_named()
    {
        var store = Open();
        Assert.Contains("itemId", (await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertAsync([Vector("", 1, 1f)]))).Message);
        Assert.Contains("vector", (await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertAsync([Vector("x", 1)]))).Message);
        Assert.Equal(0, await store.CountAsync());
    }
}

public sealed class SqliteItemVectorStoreTests : ItemVectorStoreContract
{
    private readonly Testing.TempDirectory folder = new();

    public override Task InitializeAsync()
    {
        SchemaInstaller.ApplySqlite(folder.SqliteConnectionString);
        return Task.CompletedTask;
    }

    protected override IItemVectorStore Open() => SqlItemVectorStore.Sqlite(folder.SqliteConnectionString, new SqliteWriteGate());

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class PostgresItemVectorStoreTests : ItemVectorStoreContract
{
    private Testing.TestPostgres database = null!;
    private Npgsql.NpgsqlDataSource dataSource = null!;

    public override async Task InitializeAsync()
    {
        database = await Testing.TestPostgres.CreateAsync();
        SchemaInstaller.ApplyPostgres(database.ConnectionString);
        dataSource = Npgsql.NpgsqlDataSource.Create(database.ConnectionString);
    }

    protected override IItemVectorStore Open() => SqlItemVectorStore.Postgres(dataSource);

    public override async Task DisposeAsync()
    {
        await dataSource.DisposeAsync();
        await database.DisposeAsync();
    }
}
