namespace ContentGrains.Cli.Import;

/// <summary>Where an import goes: a running engine, or an offline data set. Batches are sent in order of the files.</summary>
public interface IImportTarget : IAsyncDisposable
{
    /// <summary>E.g. "http://127.0.0.1:5080" or "data/ml.{inter,item,user}".</summary>
    string Description { get; }

    /// <summary>The most entries one batch may hold.</summary>
    int MaxBatch { get; }

    /// <summary>How many batches may be in flight at once (1 for a target that is not thread-safe).</summary>
    int MaxConcurrentBatches { get; }

    /// <summary>False when the target has no place for user side information (the engine): users are then read and counted, not sent.</summary>
    bool KeepsUsers { get; }

    Task<BatchResult> SendItemsAsync(IReadOnlyList<ImportItem> items, CancellationToken cancel);

    Task<BatchResult> SendEventsAsync(IReadOnlyList<ImportEvent> events, CancellationToken cancel);

    Task<BatchResult> SendUsersAsync(IReadOnlyList<ImportUser> users, CancellationToken cancel);

    /// <summary>Called once after the last batch (an offline data set closes its files here). Answers notes for the summary.</summary>
    Task<IReadOnlyList<string>> CompleteAsync(CancellationToken cancel);
}

/// <summary>The answer for one batch: accepted (or stored), duplicates, per-entry rejects by batch index, events about unknown items.</summary>
public sealed record BatchResult(int Accepted, int Duplicates, IReadOnlyList<BatchReject> Rejected, int UnknownItems)
{
    public static BatchResult AllAccepted(int count) => new(count, 0, [], 0);
}

public sealed record BatchReject(int Index, string Field, string Reason);

/// <summary>The engine cannot be reached, or refuses every request (API key, a broken server): the import stops.</summary>
public sealed class TargetUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
