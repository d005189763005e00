using System.Threading.Channels;
using ContentGrains.Core.Items;
using ContentGrains.Core.Text;
using ContentGrains.Core.Vectors;
using Microsoft.Extensions.Logging;

namespace ContentGrains.Grains;

/// <summary>
/// Per-silo background worker that keeps each item's text vector: an item grain hands over the item's text when it is
/// stored (<see cref="Enqueue"/> returns at once, the PUT never waits), and one loop off the Orleans scheduler takes
/// up to <see cref="BatchSize"/> waiting items at a time and lets <see cref="ItemTextVectorizer"/> encode the changed
/// ones. One loop means encoding uses at most one core of the silo. What is still waiting when the silo stops is not
/// encoded; the next PUT of that item queues it again.
/// </summary>
public sealed class ItemTextVectorWorker : IAsyncDisposable
{
    public const int QueueCapacity = 10_000;
    public const int BatchSize = 32;

    private readonly PendingTexts pending = new(QueueCapacity);
    private readonly Channel<bool> doorbell = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource stopping = new();
    private readonly ItemTextVectorizer vectorizer;
    private readonly ILogger<ItemTextVectorWorker> logger;
    private readonly Lazy<Task> loop;
    private long encoded, unchanged, removed, dropped, failedBatches;

    public ItemTextVectorWorker(ITextEncoder encoder, IItemVectorStore store, ILogger<ItemTextVectorWorker> logger)
    {
        vectorizer = new ItemTextVectorizer(encoder, store);
        this.logger = logger;
        loop = new Lazy<Task>(() => Task.Run(RunAsync));
    }

    /// <summary>Queues the item's text for encoding; false (and counted as dropped) when the queue is full.</summary>
    public bool Enqueue(string itemId, ItemInfo item)
    {
        if (!pending.TryAdd(itemId, ItemText.For(item)))
        {
            Interlocked.Increment(ref dropped);
            logger.LogWarning("Text vector queue full ({Capacity} items): item {ItemId} keeps its old vector until it is stored again", QueueCapacity, itemId);
            return false;
        }
        _ = loop.Value;
        doorbell.Writer.TryWrite(true);
        return true;
    }

    public ItemTextVectorStats Statistics => new(
        Interlocked.Read(ref encoded), Interlocked.Read(ref unchanged), Interlocked.Read(ref removed),
        Interlocked.Read(ref dropped), Interlocked.Read(ref failedBatches), pending.Count);

    private async Task RunAsync()
    {
        try
        {
            while (await doorbell.Reader.WaitToReadAsync(stopping.Token).ConfigureAwait(false))
            {
                doorbell.Reader.TryRead(out _);
                for (var batch = pending.Take(BatchSize); batch.Count > 0 && !stopping.IsCancellationRequested; batch = pending.Take(BatchSize))
                    await ProcessAsync(batch).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
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

/// <summary>Counters of a silo's text vector worker since it started; Waiting is the queue length now.</summary>
public sealed record ItemTextVectorStats(long Encoded, long Unchanged, long Removed, long Dropped, long FailedBatches, int Waiting);
