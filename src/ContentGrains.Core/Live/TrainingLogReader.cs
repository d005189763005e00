using ContentGrains.Core.Data;
using ContentGrains.Core.Events;
using ContentGrains.Core.Log;
using ContentGrains.Core.Registry;
using ContentGrains.Core.Traffic;

namespace ContentGrains.Core.Live;

/// <summary>How far reading the log has come: events read of those the log held when reading began.</summary>
public sealed record LogReadProgress(long EventsRead, long EventsInLog);

/// <summary>
/// Reads the event log for training in pages, never the whole log at once, within a memory bound in bytes: a quarter
/// of it for one page of logged events (at <see cref="BytesPerLoggedEvent"/> each, an upper estimate measured in
/// the tests), the rest for the compact training set (ids mapped to ints, positives as int pairs with a time).
/// A training set that outgrows the bound stops the read with an error naming the setting, rather than the silo.
/// The model's own fit (for example EASE's items × items matrix) is outside this bound.
/// Events of persons flagged as non-human (<paramref name="exclusion"/>) are skipped and counted there; they stay in the log.
/// With a <paramref name="tenant"/>, only that tenant's rows are read (<see cref="IEventLog.ReadTenantAsync"/>: the store
/// filters them, so the pages and the bound are the tenant's); null reads every row (offline tools on one data set).
/// </summary>
public sealed class TrainingLogReader(IEventLog log, long memoryBoundBytes, TrafficExclusion? exclusion = null, string? tenant = null)
{
    /// <summary>Managed bytes one logged event costs while its page is in memory (record, event, ids, channel).</summary>
    public const int BytesPerLoggedEvent = 512;
    public const int MaxPageEvents = 100_000;

    public long MemoryBoundBytes { get; } = memoryBoundBytes >= 1 << 20
        ? memoryBoundBytes
        : throw new ArgumentOutOfRangeException(nameof(memoryBoundBytes), memoryBoundBytes, "the training memory bound must be at least 1 MiB");

    /// <summary>What was left out as non-human traffic, per reason (empty when no exclusion was given).</summary>
    public TrafficExclusion Exclusion { get; } = exclusion ?? new TrafficExclusion(new Dictionary<string, TrafficFlag>());

    public int PageEvents => (int)Math.Clamp(MemoryBoundBytes / 4 / BytesPerLoggedEvent, 64, MaxPageEvents);

    /// <summary>The next page above <paramref name="after"/>: the tenant's rows when a tenant is given, else every row.</summary>
    public Task<IReadOnlyList<LoggedInteraction>> ReadPageAsync(long after, CancellationToken cancellation) => tenant is null
        ? log.ReadAsync(after, PageEvents, cancellation)
        : log.ReadTenantAsync(tenant, after, PageEvents, cancellation);

    /// <param name="onPage">Called after each page is added, while the page is still in memory.</param>
    public async Task<(TrainingSetBuilder Builder, LogWindow? Window)> ReadAsync(Action<LogReadProgress>? onPage, CancellationToken cancellation)
    {
        var total = await log.CountAsync(cancellation).ConfigureAwait(false);
        var builder = new TrainingSetBuilder();
        LogWindow? window = null;
        long after = 0;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var page = await ReadPageAsync(after, cancellation).ConfigureAwait(false);
            foreach (var logged in page)
            {
                window = LogWindow.Extend(window, logged.Sequence, logged.Event.Timestamp);
                if (!Exclusion.Excludes(logged.Event)) builder.Add(logged.Event);
            }
            if (builder.EstimatedBytes > MemoryBoundBytes - MemoryBoundBytes / 4)
                throw new InvalidOperationException(
                    $"the training set ({builder.EstimatedBytes:N0} bytes after {builder.EventsRead:N0} events) outgrew the training memory bound " +
                    $"of {MemoryBoundBytes:N0} bytes; raise ContentGrains:Engine:Training:MemoryBoundBytes");
            var read = builder.EventsRead + Exclusion.ExcludedEvents; // progress through the log, left-out events included
            onPage?.Invoke(new LogReadProgress(read, Math.Max(total, read)));
            GC.KeepAlive(page);
            if (page.Count < PageEvents) return (builder, window);
            after = page[^1].Sequence;
        }
    }
}
