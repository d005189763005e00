using ContentGrains.Core.Live;
using ContentGrains.Core.Log;

namespace ContentGrains.Core.Rules;

/// <summary>
/// Mines the event log's sessions in pages, as the trainer reads it (<see cref="TrainingLogReader.PageEvents"/>
/// events at a time), within a memory bound for the (user, item, time) triples kept, then keeps the rules the engine
/// serves (<see cref="MinedRules.ForServing"/>).
/// </summary>
public sealed class LogRuleMiner(IEventLog log, long memoryBoundBytes, TimeSpan sessionGap, RuleMiningOptions options, int rulesPerItem)
{
    public async Task<(MinedRules Rules, long EventsRead)> MineAsync(CancellationToken cancellation)
    {
        var sessions = new SessionBaskets(sessionGap);
        var pageEvents = new TrainingLogReader(log, memoryBoundBytes).PageEvents;
        long after = 0, read = 0;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var page = await log.ReadAsync(after, pageEvents, cancellation).ConfigureAwait(false);
            foreach (var logged in page) sessions.Add(logged.Event);
            read += page.Count;
            if (sessions.EstimatedBytes > memoryBoundBytes)
                throw new InvalidOperationException(
                    $"the sessions ({sessions.EstimatedBytes:N0} bytes after {read:N0} events) outgrew the memory bound of {memoryBoundBytes:N0} bytes; " +
                    "raise ContentGrains:Engine:Training:MemoryBoundBytes");
            if (page.Count < pageEvents) break;
            after = page[^1].Sequence;
        }
        var rule = $"sessions: a person's positive events with gaps of at most {sessionGap.TotalMinutes:0.##} minutes";
        return (MinedRules.Mine(sessions.Build(), options, rule).ForServing(rulesPerItem), read);
    }
}
