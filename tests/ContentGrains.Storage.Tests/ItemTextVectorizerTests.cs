using ContentGrains.Core.Text;
using ContentGrains.Core.Vectors;

namespace ContentGrains.Storage.Tests;

/// <summary>The vectorizer against the real SQLite store, with a small deterministic encoder that counts what it is asked.</summary>
public sealed class ItemTextVectorizerTests : IDisposable
{
    private readonly Testing.TempDirectory folder = new();
    private readonly IItemVectorStore store;
    private readonly CountingEncoder encoder = new();

    public ItemTextVectorizerTests()
    {
        SchemaInstaller.ApplySqlite(folder.SqliteConnectionString);
        store = SqlItemVectorStore.Sqlite(folder.SqliteConnectionString, new SqliteWriteGate());
    }

    [Fact]
    public async Task Encodes_new_and_changed_texts_in_one_call_skips_unchanged_ones_and_removes_textless_items()
    {
        var vectorizer = new ItemTextVectorizer(encoder, store);
        Assert.Equal(new VectorizeOutcome(2, 0, 0), await vectorizer.ProcessAsync([new("a", "ab"), new("b", "abc")]));
        Assert.Equal([["ab", "abc"]], encoder.Calls);

        var outcome = await vectorizer.ProcessAsync([new("a", "ab"), new("b", "abcd"), new("c", null)]);

        Assert.Equal(new VectorizeOutcome(1, 1, 1), outcome);
        Assert.Equal(["abcd"], encoder.Calls[1]);
        Assert.Equal(ItemText.Hash("abcd"), (await store.GetAsync("b"))!.TextHash);
        Assert.Equal(new[] { 4f, 1f }, (await store.GetAsync("b"))!.Vector);

        await vectorizer.ProcessAsync([new("a", null)]);
        Assert.Null(await store.GetAsync("a"));
        Assert.Equal(2, encoder.Calls.Count); // removing encodes nothing
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Dispose();
    }

    /// <summary>[length, 1] per text: enough to tell the stored vectors apart.</summary>
    private sealed class CountingEncoder : ITextEncoder
    {
        public List<string[]> Calls { get; } = [];
        public int Dimensions => 2;

        public float[][] Encode(IReadOnlyList<string> texts)
        {
            Calls.Add(texts.ToArray());
            return texts.Select(t => new float[] { t.Length, 1 }).ToArray();
        }
    }
}
