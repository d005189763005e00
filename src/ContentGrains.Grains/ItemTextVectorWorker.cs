using System.Threading.Channels;
using ContentGrains.Abstractions;
using ContentGrains.Core.Items;
using ContentGrains.Core.Text;
using ContentGrains.Core.Vectors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// Per-silo background worker that keeps each item's text vector: an item grain hands over the item's text when it is
/// stored (<see cref="Enqueue"/> returns at once, the PUT never waits), and one loop off the Orleans scheduler takes
/// up to <see cref="BatchSize"/> waiting items at a time and lets <see cref="ItemTextVectorizer"/> encode the changed
/// ones. One loop means encoding uses at most one core of the silo. Past EngineOptions.TextVectorQueue waiting texts (a
/// bulk import), items wait as ids alone and their texts are fetched from their grains when the queue has drained
/// (<see cref="PendingTexts"/> states both bounds). What is still waiting when the silo stops is not encoded; the next
/// PUT of that item queues it again. Its statistics are on the engine's meter (<see cref="EngineMetrics.TextVectorsWaitingName"/>
/// and the two next to it), so a scrape (and bench/load, which waits for an empty queue before it measures feeds) sees the
/// queue and what encoding has cost.
/// </summary>
public sealed class ItemTextVectorWorker : IAsyncDisposable
{
    public const int BatchSize = 32;

    private readonly PendingTexts pending;
    private readonly Channel<bool> doorbell = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource stopping = new();
    private readonly ItemTextVectorizer vectorizer;
    private readonly MeteredTextEncoder metered;
    private readonly ILogger<ItemTextVectorWorker> logger;
    private readonly IGrainFactory grains;
    private readonly Lazy<Task> loop;
    private long encoded, unchanged, removed, deferred, dropped, failedBatches;
    private int inFlight;

    public ItemTextVectorWorker(ITextEncoder encoder, IItemVectorStore store, IGrainFactory grains, IOptions<EngineOptions> options,
        ILogger<ItemTextVectorWorker> logger)
    {
        pending = new PendingTexts(options.Value.TextVectorQueue, options.Value.TextVectorDeferredQueue);
        metered = new MeteredTextEncoder(encoder);
        vectorizer = new ItemTextVectorizer(metered, store);
        this.grains = grains;
        this.logger = logger;
        loop = new Lazy<Task>(() => Task.Run(RunAsync));
        EngineMetrics.ObserveTextVectors(this, () => Statistics);
    }

    /// <summary>Queues the item's text for encoding; false (and counted as dropped) when both tiers of the queue are full.</summary>
    public bool Enqueue(string itemId, ItemInfo item)
    {
        switch (pending.TryAdd(itemId, ItemText.For(item)))
        {
            case PendingOutcome.Dropped:
                Interlocked.Increment(ref dropped);
                logger.LogWarning("Text vector queue full ({Capacity} texts, {Deferred} ids): item {ItemId} keeps its old vector until it is stored again",
                    pending.Capacity, pending.DeferredCapacity, itemId);
                return false;
            case PendingOutcome.Deferred:
                Interlocked.Increment(ref deferred);
                break;
        }
        _ = loop.Value;
        doorbell.Writer.TryWrite(true);
        return true;
    }

    public ItemTextVectorStats Statistics => new(
        Interlocked.Read(ref encoded), Interlocked.Read(ref unchanged), Interlocked.Read(ref removed),
        Interlocked.Read(ref dropped), Interlocked.Read(ref failedBatches), pending.Count,
        Interlocked.Read(ref deferred), pending.DeferredCount, metered.Wall.TotalSeconds, metered.Cpu.TotalSeconds, Volatile.Read(ref inFlight));

    private async Task RunAsync()
    {
        try
        {
            while (await doorbell.Reader.WaitToReadAsync(stopping.Token).ConfigureAwait(false))
            {
                doorbell.Reader.TryRead(out _);
                while (!stopping.IsCancellationRequested && await NextBatchAsync().ConfigureAwait(false) is { Count: > 0 } batch)
                {
                    Volatile.Write(ref inFlight, batch.Count);
                    await ProcessAsync(batch).ConfigureAwait(false);
                    Volatile.Write(ref inFlight, 0);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
    }

    /// <summary>Queued texts first; once none wait, the next deferred ids with their texts read from their item grains.</summary>
    private async Task<IReadOnlyList<PendingText>> NextBatchAsync()
    {
        var batch = pending.Take(BatchSize);
        if (batch.Count > 0) return batch;
        var ids = pending.TakeDeferred(BatchSize);
        try
        {
            return await Task.WhenAll(ids.Select(async id =>
            {
                var metadata = (await grains.GetGrain<IItemGrain>(id).GetAsync().ConfigureAwait(false))?.Metadata;
                return new PendingText(id, metadata is null ? null : ItemText.For(metadata.Title, metadata.Text));
            })).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Items that could not be read now are encoded on their next PUT, as a failed batch's are.
            Interlocked.Increment(ref failedBatches);
            logger.LogError(error, "Reading the text of {Count} deferred items failed (first: {ItemId})", ids.Count, ids[0]);
            return [];
        }
    }

    private async Task ProcessAsync(IReadOnlyList<PendingText> batch)
    {
        try
        {
            var outcome = await vectorizer.ProcessAsync(batch, stopping.Token).ConfigureAwait(false);
            Interlocked.Add(ref encoded, outcome.Encoded);
            Interlocked.Add(ref unchanged, outcome.Unchanged);
            Interlocked.Add(ref removed, outcome.Removed);
        }
        catch (Exception error) when (error is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // One bad batch (store down, encoder error) must not stop the worker; its items are encoded on their next PUT.
            Interlocked.Increment(ref failedBatches);
            logger.LogError(error, "Encoding the text of {Count} items failed (first: {ItemId})", batch.Count, batch[0].ItemId);
        }
    }

    /// <summary>Stops after the batch in progress.</summary>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        doorbell.Writer.TryComplete();
        if (loop.IsValueCreated) await loop.Value.ConfigureAwait(false);
        stopping.Dispose();
    }
}

/// <summary>
/// Counters of a silo's text vector worker since it started; Waiting is the number of texts queued now, Deferred counts
/// items queued as ids alone (their text fetched later) and WaitingDeferred how many of those wait now. EncodeSeconds and
/// EncodeCpuSeconds are the encoder's wall and thread CPU time (<see cref="MeteredTextEncoder"/>; CPU 0 off Linux), and
/// InFlight the items of the batch being processed now (taken off the queue, not yet stored).
/// </summary>
public sealed record ItemTextVectorStats(long Encoded, long Unchanged, long Removed, long Dropped, long FailedBatches, int Waiting,
    long Deferred, int WaitingDeferred, double EncodeSeconds = 0, double EncodeCpuSeconds = 0, int InFlight = 0)
{
    /// <summary>Items whose vector is still to be made: queued texts, queued ids and the batch in progress.</summary>
    public int Pending => Waiting + WaitingDeferred + InFlight;
}
