using ContentGrains.Core.Batching;

namespace ContentGrains.Core.Tests.Batching;

/// <summary>Every wait is bounded (<see cref="Limit"/>): a queue that stops answering fails the test instead of hanging it.</summary>
public class CoalescingQueueTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the queue did not start a group within {Limit.TotalSeconds} s");
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task Requests_waiting_together_are_processed_as_one_group_and_each_gets_its_own_result()
    {
        var groups = new List<int[]>();
        var gate = new TaskCompletionSource();
        await using var queue = new CoalescingQueue<int, string>(async requests =>
        {
            groups.Add(requests.ToArray());
            if (groups.Count == 1) await gate.Task; // hold the first group so the others queue up behind it
            return requests.Select(r => $"r{r}").ToList();
        }, weight: _ => 1, maxGroupWeight: 100);

        var first = queue.EnqueueAsync(0);
        await UntilAsync(() => groups.Count > 0);
        var rest = Enumerable.Range(1, 5).Select(queue.EnqueueAsync).ToList();
        gate.SetResult();

        Assert.Equal("r0", await first.WaitAsync(Limit));
        Assert.Equal(["r1", "r2", "r3", "r4", "r5"], await Task.WhenAll(rest).WaitAsync(Limit));
        Assert.Equal([[0], [1, 2, 3, 4, 5]], groups);
    }

    [Fact]
    public async Task A_group_stops_at_the_weight_limit()
    {
        var groups = new List<int[]>();
        var gate = new TaskCompletionSource();
        await using var queue = new CoalescingQueue<int, int>(async requests =>
        {
            groups.Add(requests.ToArray());
            if (groups.Count == 1) await gate.Task;
            return requests;
        }, weight: r => r, maxGroupWeight: 10);

        var first = queue.EnqueueAsync(1);
        await UntilAsync(() => groups.Count > 0);
        var rest = new[] { 6, 6, 3 }.Select(queue.EnqueueAsync).ToList();
        gate.SetResult();
        await Task.WhenAll(rest.Append(first)).WaitAsync(Limit);

        // 6 + 6 reaches the limit of 10; the 3 waits for the next group.
        Assert.Equal([[1], [6, 6], [3]], groups);
    }

    [Fact]
    public async Task A_failed_group_fails_every_request_in_it_and_the_queue_goes_on()
    {
        var calls = 0;
        await using var queue = new CoalescingQueue<int, int>(requests =>
            ++calls == 1 ? throw new InvalidOperationException("disk full") : Task.FromResult<IReadOnlyList<int>>(requests),
            weight: _ => 1, maxGroupWeight: 100);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => queue.EnqueueAsync(1).WaitAsync(Limit));
        Assert.Equal("disk full", error.Message);
        Assert.Equal(2, await queue.EnqueueAsync(2).WaitAsync(Limit));
    }

    [Fact]
    public async Task After_dispose_queued_requests_are_answered_and_new_ones_refused()
    {
        var queue = new CoalescingQueue<int, int>(requests => Task.FromResult<IReadOnlyList<int>>(requests), _ => 1, 100);
        var queued = queue.EnqueueAsync(7);
        await queue.DisposeAsync().AsTask().WaitAsync(Limit);

        Assert.Equal(7, await queued.WaitAsync(Limit));
        Assert.Throws<ObjectDisposedException>(() => { _ = queue.EnqueueAsync(8); });
    }
}
