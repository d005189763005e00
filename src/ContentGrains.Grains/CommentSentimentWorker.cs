using System.Collections.Concurrent;
using System.Threading.Channels;
using ContentGrains.Core.Sentiment;
using ContentGrains.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// Per-silo background worker that scores the texts of ingested events (comments, and any event with a text) off the
/// request path: ingestion hands them over after dispatch (<see cref="Enqueue"/> returns at once), and one loop off the
/// Orleans scheduler scores up to <see cref="BatchSize"/> at a time with the silo's copy of the sentiment model and adds
/// them to every series <see cref="SentimentKeys"/> names (the item, its tags, its topics). One loop means scoring uses
/// at most one core. Past SentimentOptions.QueueCapacity waiting texts, new ones are dropped and counted; texts that
/// arrive while no model is stored are counted as unscored; both are lost to the series (the log still holds them).
/// </summary>
public sealed class CommentSentimentWorker : IAsyncDisposable
{
    public const int BatchSize = 32;

    private readonly ConcurrentQueue<CommentText> queue = new();
    private readonly Channel<bool> doorbell = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource stopping = new();
    private readonly ITextEncoder encoder;
    private readonly SentimentModelCache models;
    private readonly SentimentKeys keys;
    private readonly IGrainFactory grains;
    private readonly int capacity;
    private readonly ILogger<CommentSentimentWorker> logger;
    private readonly Lazy<Task> loop;
    private int waiting;
    private long scored, unscored, dropped, failedBatches;

    public CommentSentimentWorker(ITextEncoder encoder, SentimentModelCache models, IGrainFactory grains, IOptions<EngineOptions> options,
        ILogger<CommentSentimentWorker> logger, ISentimentTopics? topics = null)
    {
        (this.encoder, this.models, this.grains, this.logger) = (encoder, models, grains, logger);
        keys = new SentimentKeys(topics);
        capacity = options.Value.Sentiment.QueueCapacity;
        loop = new Lazy<Task>(() => Task.Run(RunAsync));
    }

    /// <summary>Queues the texts for scoring; those beyond the queue's capacity are dropped and counted.</summary>
    public void Enqueue(IReadOnlyList<CommentText> texts)
    {
        if (texts.Count == 0) return;
        foreach (var text in texts)
        {
            if (Interlocked.Increment(ref waiting) > capacity)
            {
                Interlocked.Decrement(ref waiting);
                Count(ref dropped, 1, "dropped");
                continue;
            }
            queue.Enqueue(text);
        }
        _ = loop.Value;
        doorbell.Writer.TryWrite(true);
    }

    public CommentSentimentStats Statistics => new(Interlocked.Read(ref scored), Interlocked.Read(ref unscored), Interlocked.Read(ref dropped),
        Interlocked.Read(ref failedBatches), Volatile.Read(ref waiting));

    private async Task RunAsync()
    {
        try
        {
            while (await doorbell.Reader.WaitToReadAsync(stopping.Token).ConfigureAwait(false))
            {
                doorbell.Reader.TryRead(out _);
                while (!stopping.IsCancellationRequested && Take() is { Count: > 0 } batch)
                    await ProcessAsync(batch).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
    }

    private List<CommentText> Take()
    {
        var batch = new List<CommentText>(BatchSize);
        while (batch.Count < BatchSize && queue.TryDequeue(out var text)) batch.Add(text);
        Interlocked.Add(ref waiting, -batch.Count);
        return batch;
    }

    /// <summary>Each tenant's texts are scored by the tenant's own model (the item ids are qualified: Core.Tenants).</summary>
    private async Task ProcessAsync(List<CommentText> batch)
    {
        foreach (var tenant in batch.GroupBy(c => Core.Tenants.TenantKeys.TenantOf(c.ItemId), StringComparer.Ordinal))
            await ProcessAsync(tenant.Key, tenant.ToList()).ConfigureAwait(false);
    }

    private async Task ProcessAsync(string tenant, List<CommentText> batch)
    {
        try
        {
            if (await models.GetAsync(tenant).ConfigureAwait(false) is not { } model)
            {
                Count(ref unscored, batch.Count, "no_model");
                return;
            }
            var scores = model.Model.Score(encoder, batch.Select(c => c.Text).ToList());
            var bySeries = batch.SelectMany((c, i) => keys.For(c.ItemId, c.Tags).Select(key => (key, comment: new ScoredCommentMessage(c.At, scores[i]))))
                .GroupBy(x => x.key, x => x.comment, StringComparer.Ordinal);
            await Task.WhenAll(bySeries.Select(g => grains.GetGrain<ISentimentSeriesUpdateGrain>(g.Key).AddAsync(g.ToList()))).ConfigureAwait(false);
            Count(ref scored, batch.Count, "scored");
        }
        catch (Exception error) when (error is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // One bad batch (encoder error, a series grain unreachable) must not stop the worker.
            Count(ref failedBatches, 1, "failed_batch");
            logger.LogError(error, "Scoring the sentiment of {Count} texts failed (first on item {ItemId})", batch.Count, batch[0].ItemId);
        }
    }

    private static void Count(ref long counter, int n, string outcome)
    {
        Interlocked.Add(ref counter, n);
        EngineMetrics.SentimentTexts.Add(n, new KeyValuePair<string, object?>("outcome", outcome));
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

/// <summary>Counters of a silo's sentiment worker since it started: texts scored, unscored (no model yet), dropped (queue full), failed batches, and texts waiting now.</summary>
public sealed record CommentSentimentStats(long Scored, long Unscored, long Dropped, long FailedBatches, int Waiting);
