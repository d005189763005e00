namespace ContentGrains.Testing;

/// <summary>Waits for an asynchronous effect, failing with a message when it does not come in time.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T>> probe, Func<T, bool> done, string what, int timeoutMs = 20_000)
    {
        var started = DateTime.UtcNow;
        T last = default!;
        Exception? lastError = null;
        while ((DateTime.UtcNow - started).TotalMilliseconds < timeoutMs)
        {
            try
            {
                last = await probe();
                if (done(last)) return last;
            }
            catch (Exception error) { lastError = error; }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{what} did not happen within {timeoutMs} ms; last value: {last}", lastError);
    }
}
