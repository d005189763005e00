namespace ContentGrains.Abstractions;

/// <summary>One fit of the audience segments: the stored version (null on failure), people and events read, the k chosen, and why it failed.</summary>
[GenerateSerializer, Immutable, Alias("cg.SegmentsRun")]
public sealed record SegmentsRun(
    [property: Id(0)] long? Version,
    [property: Id(1)] DateTimeOffset FinishedAt,
    [property: Id(2)] long EventsRead,
    [property: Id(3)] int People,
    [property: Id(4)] int Segments,
    [property: Id(5)] double Seconds,
    [property: Id(6)] string? Error,
    [property: Id(7)] bool TooFewPeople = false);

/// <summary>
/// A person's segment now: the nearest centroid of the latest fitted version to their live signals, and the distance
/// to it. Segment is null before any fit, or while the person has engaged with nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.UserSegment")]
public sealed record UserSegment(
    [property: Id(0)] string UserId,
    [property: Id(1)] int? Segment,
    [property: Id(2)] double? Distance,
    [property: Id(3)] long? Version);

/// <summary>Fits audience segments over the event log (key "default"), stores each fit as a model version, refits on a schedule.</summary>
public interface ISegmentsGrain : IGrainWithStringKey
{
    /// <summary>Fits now and waits for the run to end.</summary>
    Task<SegmentsRun> FitAsync();

    /// <summary>The latest stored version, or null when none was fitted.</summary>
    Task<long?> GetLatestVersionAsync();
}
