using ContentGrains.Core.Vectors;
using ContentGrains.Storage;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// A tenant's topic fit reads only its own item text vectors (<see cref="ItemTextVectorPages.ReadAllAsync(IItemVectorStore, string, CancellationToken)"/>)
/// from a real SQLite store: tenant a's by key range, the default tenant's by skipping every other tenant's run of ids,
/// across page boundaries (the page is 1,000 ids, so 2,500 of one tenant make three pages).
/// </summary>
public sealed class TenantItemTextVectorPagesTests : IDisposable
{
    private readonly Testing.TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Each_tenant_reads_its_own_vectors_and_the_default_tenant_those_without_a_tenant()
    {
        SchemaInstaller.ApplySqlite(folder.SqliteConnectionString);
        var store = SqlItemVectorStore.Sqlite(folder.SqliteConnectionString, new SqliteWriteGate());
        // Byte order: "a" < "a/…" < "a0" < "ab" < "ab/…" < "b" < "z"; "ab" starts with "a" but is another tenant.
        var many = Enumerable.Range(0, 2_500).Select(i => $"a/item-{i:D4}").ToList();
        string[] others = ["a", "a0", "ab/x", "ab", "b", "z", "z/y"];
        await store.UpsertAsync([.. many.Concat(others).Select((id, i) => new ItemTextVector(id, i, [i]))]);

        var ofA = await ItemTextVectorPages.ReadAllAsync(store, "a", CancellationToken.None);
        Assert.Equal(many, ofA.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["ab/x"], (await ItemTextVectorPages.ReadAllAsync(store, "ab", CancellationToken.None)).Keys);
        Assert.Equal(["a", "a0", "ab", "b", "z"], (await ItemTextVectorPages.ReadAllAsync(store, "", CancellationToken.None)).Keys.Order(StringComparer.Ordinal));
        Assert.Empty(await ItemTextVectorPages.ReadAllAsync(store, "c", CancellationToken.None));
        Assert.Equal(2_507, (await ItemTextVectorPages.ReadAllAsync(store, CancellationToken.None)).Count); // the install's, as the trainer reads it
    }
}
