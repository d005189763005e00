using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace ContentGrains.Bench.Load;

/// <summary>
/// A full, blocking garbage collection in another .NET process, asked for through its diagnostic port (what dotnet-gcdump
/// does): an EventPipe session with the runtime's GCHeapCollect keyword makes the runtime collect at once. After it, the
/// process's "heap size after the last collection" counts live objects only, which is what memory per grain needs.
/// </summary>
public static class InducedCollection
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;

    /// <summary>Asks process <paramref name="pid"/> for a full collection and gives it <paramref name="settle"/> to finish.</summary>
    public static async Task RunAsync(int pid, TimeSpan settle, CancellationToken cancellation)
    {
        var client = new DiagnosticsClient(pid);
        using var session = client.StartEventPipeSession(
            [new EventPipeProvider(RuntimeProvider, EventLevel.Informational, GcKeyword | GcHeapCollectKeyword)],
            requestRundown: false, circularBufferMB: 64);
        var drain = session.EventStream.CopyToAsync(Stream.Null, cancellation); // an unread session would stall the runtime's writer
        await Task.Delay(settle, cancellation);
        await session.StopAsync(cancellation);
        try { await drain; } catch (IOException) { } catch (ObjectDisposedException) { } // the stream ends as the session stops
    }
}
