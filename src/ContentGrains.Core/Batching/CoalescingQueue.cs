using System.Threading.Channels;

namespace ContentGrains.Core.Batching;

/// <summary>
/// Group commit as a building block: callers enqueue requests concurrently, and one loop takes everything that is
/// waiting (up to a total weight) and processes it as one group, then answers each caller with its own result.
/// While a group is processed, the next one fills up, so load coalesces into fewer, larger operations.
/// </summary>
public sealed class CoalescingQueue<TRequest, TResult> : IAsyncDisposable
{
    private sealed record Pending(TRequest Request, TaskCompletionSource<TResult> Done);

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new() { SingleReader = true });
    private readonly Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> processGroup;
    private readonly Func<TRequest, int> weight;
    private readonly int maxGroupWeight;
    private readonly Task loop;

    /// <param name="processGroup">Processes a group; returns one result per request, in order. An exception fails every request of the group.</param>
    /// <param name="weight">The size of one request (e.g. its number of events).</param>
    /// <param name="maxGroupWeight">A group stops taking requests once it weighs this much.</param>
    public CoalescingQueue(Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> processGroup, Func<TRequest, int> weight, int maxGroupWeight)
    {
        this.processGroup = processGroup;
        this.weight = weight;
        this.maxGroupWeight = maxGroupWeight;
        loop = Task.Run(LoopAsync);
    }

    public Task<TResult> EnqueueAsync(TRequest request)
    {
        var pending = new Pending(request, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(CoalescingQueue<TRequest, TResult>), "the queue is closed");
        return pending.Done.Task;
    }

    private async Task LoopAsync()
    {
        var group = new List<Pending>();
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            var groupWeight = 0;
            while (groupWeight < maxGroupWeight && queue.Reader.TryRead(out var next))
            {
                group.Add(next);
                groupWeight += weight(next.Request);
            }
            try
            {
                var results = await processGroup(group.Select(p => p.Request).ToList()).ConfigureAwait(false);
                for (var i = 0; i < group.Count; i++) group[i].Done.TrySetResult(results[i]);
            }
            catch (Exception error)
            {
                foreach (var pending in group) pending.Done.TrySetException(error);
            }
        }
    }

    /// <summary>Stops taking requests and waits until those already queued are answered.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop.ConfigureAwait(false);
    }
}
