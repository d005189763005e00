namespace ContentGrains.Storage;

/// <summary>
/// Lets one write at a time into the SQLite file of this process. SQLite allows one writer; without this,
/// Microsoft.Data.Sqlite answers a busy database by sleeping 150 ms in a loop, which blocks Orleans threads
/// and gives multi-second tails. The event log and grain snapshots share one gate.
/// </summary>
public sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellation = default)
    {
        await gate.WaitAsync(cancellation).ConfigureAwait(false);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) gate.Release();
        }
    }
}
