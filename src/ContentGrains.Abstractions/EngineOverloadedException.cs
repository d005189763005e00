namespace ContentGrains.Abstractions;

/// <summary>
/// The silo's backlog of logged events still to reach their grains is full, and a new batch found no room within the wait:
/// the batch was refused before anything of it was stored, so a retry (after <see cref="RetryAfterSeconds"/>) counts each
/// event once. This is how ingestion pushes back on a client faster than the grains can apply its events; it is not a lost
/// silo. HTTP answers it with 503, Retry-After and this message.
/// </summary>
[GenerateSerializer, Alias("cg.EngineOverloaded")]
public sealed class EngineOverloadedException : Exception
{
    public EngineOverloadedException() : base("the engine is overloaded") { }

    public EngineOverloadedException(string message, int retryAfterSeconds) : base(message) => RetryAfterSeconds = retryAfterSeconds;

    [Id(0)] public int RetryAfterSeconds { get; init; } = 5;
}
