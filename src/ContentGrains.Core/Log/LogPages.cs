using ContentGrains.Core.Events;

namespace ContentGrains.Core.Log;

/// <summary>Every event of the log, in sequence order, read a page at a time so that only one page is in memory.</summary>
public static class LogPages
{
    public static async IAsyncEnumerable<Interaction> ReadAllAsync(
        IEventLog log, int pageEvents, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation = default)
    {
        await foreach (var logged in ReadAfterAsync(log, 0, pageEvents, cancellation).ConfigureAwait(false)) yield return logged.Event;
    }

    /// <summary>The events above <paramref name="afterSequence"/> with their sequences, a page at a time: an incremental pass's tail.</summary>
    public static async IAsyncEnumerable<LoggedInteraction> ReadAfterAsync(
        IEventLog log, long afterSequence, int pageEvents, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation = default)
    {
        if (pageEvents < 1) throw new ArgumentOutOfRangeException(nameof(pageEvents), pageEvents, "a page holds at least one event");
        var after = afterSequence;
        while (true)
        {
            var page = await log.ReadAsync(after, pageEvents, cancellation).ConfigureAwait(false);
            foreach (var logged in page) yield return logged;
            if (page.Count < pageEvents) yield break;
            after = page[^1].Sequence;
        }
    }
}
