using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace ContentGrains.Bench.Load;

/// <summary>
/// A full, blocking garbage collection in another .NET process, asked for through its diagnostic port (what dotnet-gcdump
/// does): an EventPipe session with the runtime's GCHeapCollect keyword makes the runtime collect. After it, the process's
/// "heap size after the last collection" counts live objects only, which is what memory per grain needs.
/// </summary>
public static class InducedCollection
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;

    /// <summary>
    /// Asks process <paramref name="pid"/> for a full collection and waits, at most <paramref name="limit"/>, until its
    /// count of generation-2 collections (<paramref name="gen2Collections"/>) has risen. False when it has not.
    /// </summary>
    public static async Task<bool> RunAsync(int pid, Func<Task<double>> gen2Collections, TimeSpan limit, CancellationToken cancellation)
    {
        var before = await gen2Collections();
        using var session = new DiagnosticsClient(pid).StartEventPipeSession(
            [new EventPipeProvider(RuntimeProvider, EventLevel.Informational, GcKeyword | GcHeapCollectKeyword)],
            requestRundown: false, circularBufferMB: 64);
        var drain = session.EventStream.CopyToAsync(Stream.Null, cancellation); // an unread session would stall the runtime's writer
        var collected = await Eventually(async () => await gen2Collections() > before, limit, cancellation);
        await session.StopAsync(cancellation);
        try { await drain; } catch (IOException) { } catch (ObjectDisposedException) { } // the stream ends as the session stops
        return collected;
    }

    private static async Task<bool> Eventually(Func<Task<bool>> condition, TimeSpan limit, CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(250, cancellation);
        }
        return await condition();
    }
}
