namespace ContentGrains.Bench.Load;

/// <summary>What one client of an open loop did with its share of the schedule.</summary>
public readonly record struct ClientTally(long Sent, long Late, long NotSent);

/// <summary>
/// The open loop's schedule: <c>rate</c> requests per second shared by <c>clients</c> clients, each sending every
/// clients/rate seconds, offset from the others, for <c>seconds</c>. Latency counts from each request's due time, so a
/// stalled engine cannot hide its stall by slowing the generator down (coordinated omission).
/// A request is <b>late</b> when its client was still waiting for the previous answer at its due time (it went out after
/// it was due: the engine, or the clients' number, could not keep the rate). Once a request is more than the run's length
/// overdue the client stops, so a run stays bounded (at most twice its length); the requests left are <b>not sent</b>.
/// </summary>
public sealed class OpenLoopSchedule
{
    private readonly double rate;
    private readonly int clients;
    private readonly double seconds;

    public OpenLoopSchedule(double rate, int clients, double seconds)
    {
        if (rate <= 0) throw new ArgumentOutOfRangeException(nameof(rate), rate, "rate: must be above 0 requests/s");
        if (clients < 1) throw new ArgumentOutOfRangeException(nameof(clients), clients, "clients: at least 1");
        if (seconds <= 0) throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "seconds: must be above 0");
        (this.rate, this.clients, this.seconds) = (rate, clients, seconds);
    }

    /// <summary>Seconds between two requests of one client.</summary>
    public double Interval => clients / rate;

    /// <summary>When request <paramref name="k"/> of client <paramref name="client"/> is due (computed, not summed, so no drift).</summary>
    public double Due(int client, long k) => (double)client / rate + k * Interval;

    /// <summary>How many requests client <paramref name="client"/> has in the schedule (due before the run's end).</summary>
    public long Count(int client) => (long)Math.Max(0, Math.Ceiling((seconds - (double)client / rate) / Interval - 1e-9)); // 1e-9: 1/0.1 may round up

    /// <summary>
    /// Runs client <paramref name="client"/>'s share: waits for each due time, or sends at once and counts it late when the
    /// previous answer came after it. <paramref name="send"/> sends one request, given its due time, and returns once answered.
    /// </summary>
    public async Task<ClientTally> RunClientAsync(int client, ILoadClock clock, Func<double, Task> send, CancellationToken cancellation)
    {
        long sent = 0, late = 0, count = Count(client);
        for (long k = 0; k < count; k++)
        {
            var due = Due(client, k);
            var now = clock.Now;
            if (now - due > seconds) return new ClientTally(sent, late, count - k);
            if (now > due) late++;
            else await clock.WaitUntilAsync(due, cancellation);
            await send(due);
            sent++;
        }
        return new ClientTally(sent, late, 0);
    }
}
