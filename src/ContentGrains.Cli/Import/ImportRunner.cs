using System.Diagnostics;

namespace ContentGrains.Cli.Import;

/// <summary>
/// Streams records from the readers to a target in batches, with up to <c>parallel</c> batches in flight, and tallies
/// the answers. Items go first, so events about them do not count as about unknown items; then users; then events.
/// Unreadable lines are rejects; they never stop the import. Only <see cref="TargetUnavailableException"/> does.
/// </summary>
public sealed class ImportRunner(IImportTarget target, int batchSize, int parallel, ImportProgress? progress = null)
{
    private readonly int batchSize = Math.Clamp(batchSize, 1, target.MaxBatch);
    private readonly int parallel = Math.Clamp(parallel, 1, target.MaxConcurrentBatches);

    public ImportSummary Summary { get; } = new();

    public async Task<ImportSummary> RunAsync(IEnumerable<SourceRow<ImportItem>> items, IEnumerable<SourceRow<ImportUser>> users,
        IEnumerable<SourceRow<ImportEvent>> events, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await SendAllAsync("item", items, Summary.Items, target.SendItemsAsync, cancel);
            if (target.KeepsUsers) await SendAllAsync("user", users, Summary.Users, target.SendUsersAsync, cancel);
            else
            {
                await SendAllAsync<ImportUser>("user", users, Summary.Users, null, cancel);
                if (Summary.Users.Read > 0) Summary.Notes.Add($"{Summary.Users.Read} users read but not sent: the engine keeps no user side information (the offline data set does)");
            }
            await SendAllAsync("event", events, Summary.Events, target.SendEventsAsync, cancel);
            Summary.Notes.AddRange(await target.CompleteAsync(cancel));
        }
        finally
        {
            Summary.Elapsed = clock.Elapsed;
            progress?.Finish(Summary);
        }
        return Summary;
    }

    /// <summary>With no <paramref name="send"/>, rows are only read and checked (users for the engine).</summary>
    private async Task SendAllAsync<T>(string kind, IEnumerable<SourceRow<T>> rows, ImportTally tally,
        Func<IReadOnlyList<T>, CancellationToken, Task<BatchResult>>? send, CancellationToken cancel) where T : class
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var inFlight = new List<(Task<BatchResult> Answer, List<SourceLine> Lines)>();
        var batch = new List<T>(batchSize);
        var lines = new List<SourceLine>(batchSize);
        try
        {
            foreach (var row in rows)
            {
                tally.Read++;
                if (row.Value is null)
                {
                    tally.Rejected++;
                    Summary.Rejects.Add(kind, row.Source, row.Field ?? "line", row.Reason ?? "is unreadable");
                }
                else if (send is not null)
                {
                    batch.Add(row.Value);
                    lines.Add(row.Source);
                    if (batch.Count == batchSize)
                    {
                        await DispatchAsync();
                        (batch, lines) = (new List<T>(batchSize), new List<SourceLine>(batchSize));
                    }
                }
                progress?.Update(Summary);
            }
            if (batch.Count > 0) await DispatchAsync();
            while (inFlight.Count > 0) await CollectOneAsync();
        }
        finally
        {
            stop.Cancel(); // batches still in flight after a failure are abandoned
        }

        async Task DispatchAsync()
        {
            while (inFlight.Count >= parallel) await CollectOneAsync();
            inFlight.Add((send!(batch, stop.Token), lines));
            tally.Sent += batch.Count;
        }

        async Task CollectOneAsync()
        {
            var done = await Task.WhenAny(inFlight.Select(f => f.Answer));
            var index = inFlight.FindIndex(f => f.Answer == done);
            var sourceLines = inFlight[index].Lines;
            inFlight.RemoveAt(index);
            var result = await done; // rethrows a failed batch
            tally.Accepted += result.Accepted;
            tally.Duplicates += result.Duplicates;
            tally.UnknownItems += result.UnknownItems;
            tally.Rejected += result.Rejected.Select(r => r.Index).Distinct().Count();
            foreach (var reject in result.Rejected)
                Summary.Rejects.Add(kind, reject.Index >= 0 && reject.Index < sourceLines.Count ? sourceLines[reject.Index] : new SourceLine("?", 0), reject.Field, reject.Reason);
            progress?.Update(Summary);
        }
    }
}
