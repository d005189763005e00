using ContentGrains.Core.Events;
using ContentGrains.Core.Log;

namespace ContentGrains.Grains;

/// <summary>
/// The event log as grains see it: a driver failure becomes <see cref="Abstractions.StorageUnavailableException"/>.
/// Grains read the log while activating, where no call filter runs, and an activation's failure travels to its caller.
/// </summary>
public sealed class StorageFaultEventLog(IEventLog inner) : IEventLog, IAsyncDisposable
{
    public Task<long[]> AppendAsync(IReadOnlyList<Interaction> events, CancellationToken cancellation = default) =>
        Guard(inner.AppendAsync(events, cancellation));

    public Task<IReadOnlyList<LoggedInteraction>> ReadUserAsync(string userId, long afterSequence, CancellationToken cancellation = default) =>
        Guard(inner.ReadUserAsync(userId, afterSequence, cancellation));

    public Task<UserActivationRead> ReadUserActivationAsync(string userId, long afterSequence, CancellationToken cancellation = default) =>
        Guard(inner.ReadUserActivationAsync(userId, afterSequence, cancellation));

    public Task<IReadOnlyList<LoggedInteraction>> ReadItemAsync(string itemId, long afterSequence, CancellationToken cancellation = default) =>
        Guard(inner.ReadItemAsync(itemId, afterSequence, cancellation));

    public Task<IReadOnlyList<LoggedInteraction>> ReadAsync(long afterSequence, int limit, CancellationToken cancellation = default) =>
        Guard(inner.ReadAsync(afterSequence, limit, cancellation));

    public Task<IReadOnlyList<LoggedInteraction>> ReadRecentAsync(IReadOnlyList<string> eventIds, DateTimeOffset receivedSince, CancellationToken cancellation = default) =>
        Guard(inner.ReadRecentAsync(eventIds, receivedSince, cancellation));

    public Task<long> CountAsync(CancellationToken cancellation = default) => Guard(inner.CountAsync(cancellation));

    public Task<IReadOnlyList<LoggedInteraction>> ReadTenantAsync(string tenant, long afterSequence, int limit, CancellationToken cancellation = default) =>
        Guard(inner.ReadTenantAsync(tenant, afterSequence, limit, cancellation));

    public Task<long> CountTenantAsync(string tenant, long afterSequence, CancellationToken cancellation = default) =>
        Guard(inner.CountTenantAsync(tenant, afterSequence, cancellation));

    private static async Task<T> Guard<T>(Task<T> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (Exception error) when (error is not Abstractions.StorageUnavailableException && StorageFaults.Translate(error) is { } fault)
        {
            throw fault;
        }
    }

    public ValueTask DisposeAsync() => inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
}
