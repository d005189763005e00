using ContentGrains.Core.Events;
using ContentGrains.Core.Live;
using ContentGrains.Core.Log;
using Xunit.Abstractions;
using static ContentGrains.Core.Tests.Given;

namespace ContentGrains.Core.Tests.Live;

/// <summary>
/// The training read stays within its memory bound on a log larger than the bound: the whole log as objects costs
/// more than the bound, while the paged read never holds more than the bound (live managed memory, measured after a
/// full collection at every page, with the page still held). The heap is the whole process's, so these tests run
/// alone, after the parallel ones.
/// </summary>
[Collection(ProcessMemoryCollection.Name)]
public sealed class TrainingLogReaderTests(ITestOutputHelper output)
{
    private const long Bound = 16L << 20;
    private const int LogEvents = 200_000;

    [Fact]
    public async Task A_log_larger_than_the_bound_trains_with_managed_memory_under_the_bound()
    {
        var log = new GeneratedLog(LogEvents);
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var whole = await log.ReadAsync(0, int.MaxValue);
        var wholeBytes = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        GC.KeepAlive(whole);
        whole = null;
        Assert.True(wholeBytes > Bound, $"the log as objects ({wholeBytes:N0} bytes) should exceed the bound ({Bound:N0})");

        baseline = GC.GetTotalMemory(forceFullCollection: true);
        var reader = new TrainingLogReader(log, Bound);
        long peak = 0, pages = 0;
        var (builder, window) = await reader.ReadAsync(_ =>
        {
            pages++;
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
        }, CancellationToken.None);

        output.WriteLine($"log {LogEvents:N0} events: {wholeBytes:N0} bytes as objects; paged read ({pages} pages of {reader.PageEvents}) peak {peak:N0} bytes; bound {Bound:N0}");
        Assert.True(peak < Bound, $"peak managed memory while reading ({peak:N0} bytes) should stay under the bound ({Bound:N0})");
        Assert.Equal((LogEvents, LogEvents / reader.PageEvents + 1), (builder.EventsRead, pages));
        Assert.Equal(LogEvents, builder.Build().Count); // every (user, item) pair of the generated log is distinct
        Assert.Equal((1L, (long)LogEvents, T0, T0.AddSeconds(LogEvents - 1)), (window!.FirstSequence, window.LastSequence, window.FirstEventAt, window.LastEventAt));
    }

    [Fact]
    public async Task A_training_set_that_outgrows_the_bound_stops_with_the_setting_named()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new TrainingLogReader(new GeneratedLog(LogEvents), 1 << 20).ReadAsync(null, CancellationToken.None));
        Assert.Contains("Training:MemoryBoundBytes", error.Message);
        Assert.Equal("memoryBoundBytes", Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingLogReader(new GeneratedLog(1), 1000)).ParamName);
    }

    [Fact]
    public async Task Reading_stops_when_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new TrainingLogReader(new GeneratedLog(10), Bound).ReadAsync(null, cancel.Token));
    }

    /// <summary>A log whose pages are made on request, as a database would return them: fresh objects and strings per page.</summary>
    private sealed class GeneratedLog(int count) : IEventLog
    {
        public Task<IReadOnlyList<LoggedInteraction>> ReadAsync(long afterSequence, int limit, CancellationToken cancellation = default)
        {
            var page = new List<LoggedInteraction>();
            for (var seq = afterSequence + 1; seq <= count && page.Count < limit; seq++)
            {
                var n = seq - 1;
                page.Add(new LoggedInteraction(seq, new Interaction($"event-{n:D9}", $"user-{n / 40:D6}", $"item-{n % 40 * 997 + n / 40 % 997:D6}",
                    EventType.View, T0.AddSeconds(n), "web", 12.5, null, null)));
            }
            return Task.FromResult<IReadOnlyList<LoggedInteraction>>(page);
        }

        public Task<long> CountAsync(CancellationToken cancellation = default) => Task.FromResult((long)count);
        public Task<long[]> AppendAsync(IReadOnlyList<Interaction> events, CancellationToken cancellation = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<LoggedInteraction>> ReadUserAsync(string userId, long afterSequence, CancellationToken cancellation = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<LoggedInteraction>> ReadItemAsync(string itemId, long afterSequence, CancellationToken cancellation = default) => throw new NotSupportedException();
    }
}
