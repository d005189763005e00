using System.Numerics.Tensors;
using ContentGrains.Abstractions;
using ContentGrains.Core.Text;
using ContentGrains.Core.Vectors;
using ContentGrains.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using static ContentGrains.Grains.Tests.Events;

namespace ContentGrains.Grains.Tests;

/// <summary>An item PUT gets its MiniLM text vector stored soon after, by the silo's background worker, encoded only when its text changed.</summary>
public sealed class ItemTextVectorTests
{
    private const string Title = "Mars rover finds ancient lake bed";
    private const string Text = "The rover's cameras show layered rock laid down by standing water.";

    [Fact]
    public async Task A_put_item_gets_its_vector_soon_after_and_only_changed_text_is_encoded_again()
    {
        using var folder = new TempDirectory();
        await using var engine = await EngineCluster.StartAsync(folder);
        var silo = ((InProcessSiloHandle)engine.Cluster.Silos[0]).ServiceProvider;
        var worker = silo.GetRequiredService<ItemTextVectorWorker>();
        var store = silo.GetRequiredService<IItemVectorStore>();
        var encoder = silo.GetRequiredService<ITextEncoder>();
        var item = engine.Grains.GetGrain<IItemGrain>("mars-1");

        Assert.Empty(await item.PutAsync(Item(Title, "space") with { Text = Text }));
        var stored = await Eventually.Get(() => store.GetAsync("mars-1"), v => v is not null, "the item's text vector");

        Assert.Equal(ItemText.Hash(Title + "\n" + Text), stored!.TextHash);
        Assert.Equal(384, stored.Vector.Length);
        var direct = encoder.Encode([Title + "\n" + Text])[0];
        Assert.True(TensorPrimitives.CosineSimilarity(direct, stored.Vector) > 0.999f, "the stored f16 vector is the encoder's vector");
        Assert.Equal(1, worker.Statistics.Encoded);

        // The same text again (tags changed only): looked up, not encoded.
        Assert.Empty(await item.PutAsync(Item(Title, "space", "science") with { Text = Text }));
        await Eventually.Get(() => Task.FromResult(worker.Statistics), s => s.Unchanged == 1, "the unchanged text to be skipped");
        Assert.Equal(1, worker.Statistics.Encoded);

        // A new title: encoded again, and the stored vector follows it.
        const string newTitle = "Stock markets fall after the rate decision";
        Assert.Empty(await item.PutAsync(Item(newTitle, "finance")));
        var changed = await Eventually.Get(() => store.GetAsync("mars-1"), v => v!.TextHash == ItemText.Hash(newTitle), "the changed text's vector");
        Assert.Equal(2, worker.Statistics.Encoded);
        Assert.True(TensorPrimitives.CosineSimilarity(direct, changed!.Vector) < 0.5f, "an unrelated text is far from the old one");
        Assert.Equal((0L, 0L), (worker.Statistics.Dropped, worker.Statistics.FailedBatches));
    }

    [Fact]
    public async Task The_put_answers_without_waiting_for_the_encoder()
    {
        using var folder = new TempDirectory();
        await using var engine = await EngineCluster.StartAsync(folder);
        var silo = ((InProcessSiloHandle)engine.Cluster.Silos[0]).ServiceProvider;
        var store = silo.GetRequiredService<IItemVectorStore>();
        var items = Enumerable.Range(0, 40).Select(i => engine.Grains.GetGrain<IItemGrain>($"news-{i}")).ToList();

        // 40 items with news-length text cost about 40 × 60 ms of encoding on this machine (plus loading the model);
        // the PUTs return as soon as the metadata is stored, before most vectors exist.
        var puts = await Task.WhenAll(items.Select((item, i) => item.PutAsync(Item($"Headline number {i} about local elections", "politics") with
        {
            Text = string.Join(' ', Enumerable.Repeat($"Paragraph {i} of the report on turnout, candidates and the count.", 6)),
        })));

        Assert.All(puts, Assert.Empty);
        Assert.True(await store.CountAsync() < 40, "the PUTs did not wait for every vector");
        await Eventually.Get(() => store.CountAsync(), n => n == 40, "all 40 vectors", timeoutMs: 120_000);
    }

    [Fact]
    public async Task Items_past_a_full_text_queue_wait_as_ids_and_still_get_their_vectors()
    {
        using var folder = new TempDirectory();
        await using var engine = await EngineCluster.StartAsync(folder, configure: o => (o.TextVectorQueue, o.TextVectorDeferredQueue) = (2, 100));
        var silo = ((InProcessSiloHandle)engine.Cluster.Silos[0]).ServiceProvider;
        var worker = silo.GetRequiredService<ItemTextVectorWorker>();
        var store = silo.GetRequiredService<IItemVectorStore>();

        // As a bulk import does: far more items at once than the two texts the queue holds.
        var puts = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            engine.Grains.GetGrain<IItemGrain>($"bulk-{i}").PutAsync(Item($"Report {i} on the harbour's new ferry timetable", "local"))));

        Assert.All(puts, Assert.Empty);
        // Not asserted: that work was still pending when the PUTs returned. With the model already loaded (CI's clean run
        // once found all 12 encoded by then) that is a race; the test above checks that a PUT does not wait for its vector.
        await Eventually.Get(() => store.CountAsync(), n => n == 12, "all 12 vectors", timeoutMs: 120_000);
        var last = await store.GetAsync("bulk-11");
        Assert.Equal(ItemText.Hash("Report 11 on the harbour's new ferry timetable"), last!.TextHash);
        var stats = worker.Statistics;
        Assert.True(stats.Deferred > 0, "some items waited as ids");
        Assert.Equal((0L, 0L, 0), (stats.Dropped, stats.FailedBatches, stats.WaitingDeferred));
        await Eventually.Get(() => Task.FromResult(worker.Statistics), s => s.Pending == 0, "the last batch stored");
    }

    [Fact]
    public async Task The_queue_and_the_encoders_time_are_on_the_engine_meter()
    {
        using var folder = new TempDirectory();
        await using var engine = await EngineCluster.StartAsync(folder);
        var worker = ((InProcessSiloHandle)engine.Cluster.Silos[0]).ServiceProvider.GetRequiredService<ItemTextVectorWorker>();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            engine.Grains.GetGrain<IItemGrain>($"meter-{i}").PutAsync(Item($"Council votes on the new cycle lanes, part {i}", "local"))));
        var stats = await Eventually.Get(() => Task.FromResult(worker.Statistics), s => s.Encoded == 5 && s.Pending == 0, "5 texts encoded");

        // One ONNX Runtime thread, on the worker's thread: the encoder's CPU time is real work and never more than its wall time.
        Assert.True(stats.EncodeCpuSeconds > 0, $"encoder CPU {stats.EncodeCpuSeconds} s");
        Assert.True(stats.EncodeCpuSeconds <= stats.EncodeSeconds * 1.02 + 0.002, $"CPU {stats.EncodeCpuSeconds} s within wall {stats.EncodeSeconds} s");

        // Other test classes' silos may add to the sums (one meter per process): at least this worker's figures.
        var seen = MeterReadings.Observe(EngineMetrics.MeterName);
        Assert.True(seen[(EngineMetrics.TextVectorsName, "encoded")] >= 5);
        Assert.True(seen[(EngineMetrics.TextVectorEncodeSecondsName, "cpu")] >= stats.EncodeCpuSeconds);
        Assert.True(seen[(EngineMetrics.TextVectorEncodeSecondsName, "wall")] >= stats.EncodeSeconds);
        Assert.Contains((EngineMetrics.TextVectorsWaitingName, "texts"), seen.Keys);
        Assert.Contains((EngineMetrics.TextVectorsWaitingName, "ids"), seen.Keys);
        Assert.Contains((EngineMetrics.TextVectorsWaitingName, "in_flight"), seen.Keys);
    }
}
