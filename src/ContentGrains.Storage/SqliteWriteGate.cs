using System.Diagnostics;

namespace ContentGrains.Storage;

/// <summary>
/// Lets one write at a time into the SQLite file of this process. SQLite allows one writer; without this,
/// Microsoft.Data.Sqlite answers a busy database by sleeping 150 ms in a loop, which blocks Orleans threads
/// and gives multi-second tails. The event log and grain snapshots share one gate.
/// Each entry records, by writer, how long it waited for the gate and how long it held it
/// (<see cref="SqliteWriteGateMetrics"/>): a gate held most of every second is the embedded engine's limit.
/// </summary>
public sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <param name="writer">Who writes, for the metrics: <see cref="SqliteWriteGateMetrics.LogWriter"/>, <see cref="SqliteWriteGateMetrics.SnapshotWriter"/> or other.</param>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellation = default, string writer = SqliteWriteGateMetrics.OtherWriter)
    {
        var asked = Stopwatch.GetTimestamp();
        await gate.WaitAsync(cancellation).ConfigureAwait(false);
        var entered = Stopwatch.GetTimestamp();
        SqliteWriteGateMetrics.Waited(writer, Stopwatch.GetElapsedTime(asked, entered));
        return new Release(gate, writer, entered);
    }

    private sealed class Release(SemaphoreSlim gate, string writer, long entered) : IDisposable
    {
        private int released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) != 0) return;
            SqliteWriteGateMetrics.Held(writer, Stopwatch.GetElapsedTime(entered));
            gate.Release();
        }
    }
}
