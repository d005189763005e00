namespace ContentGrains.Grains;

/// <summary>A grain call whose failure is kept as a value, so one unreachable grain does not fail its siblings' results.</summary>
internal static class Attempt
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
}
