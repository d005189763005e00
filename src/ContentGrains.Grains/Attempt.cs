namespace ContentGrains.Grains;

/// <summary>A grain call whose failure is kept as a value, so one unreachable grain does not fail its siblings' results.</summary>
public static class Attempt
{
    public readonly record struct Result<T>(T? Value, Exception? Error);

    public static async Task<Result<T>> RunAsync<T>(Func<Task<T>> call)
    {
        try { return new(await call(), null); }
        catch (Exception error) { return new(default, error); }
    }

    public static async Task<Result<bool>> RunAsync(Func<Task> call)
    {
        try { await call(); return new(true, null); }
        catch (Exception error) { return new(false, error); }
    }

    /// <summary>
    /// One call per input, at most <paramref name="inFlight"/> of them outstanding at once; the results in the inputs' order.
    /// A fan-out of tens of thousands of grain calls at once queues each behind all the others (and the silo's other work
    /// behind them all): under load the last ones passed Orleans' 30 s response timeout.
    /// </summary>
    public static Task<Result<bool>[]> RunAllAsync<TInput>(IReadOnlyList<TInput> inputs, Func<TInput, Task> call, int inFlight) =>
        RunAllAsync(inputs, async input => { await call(input); return true; }, inFlight);

    /// <inheritdoc cref="RunAllAsync{TInput}(IReadOnlyList{TInput}, Func{TInput, Task}, int)"/>
    public static async Task<Result<T>[]> RunAllAsync<TInput, T>(IReadOnlyList<TInput> inputs, Func<TInput, Task<T>> call, int inFlight)
    {
        var results = new Result<T>[inputs.Count];
        var next = -1;
        async Task LaneAsync()
        {
            for (var i = Interlocked.Increment(ref next); i < inputs.Count; i = Interlocked.Increment(ref next))
            {
                var input = inputs[i];
                results[i] = await RunAsync(() => call(input));
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Math.Min(Math.Max(1, inFlight), inputs.Count)).Select(_ => LaneAsync()));
        return results;
    }
}
