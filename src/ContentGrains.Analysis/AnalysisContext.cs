using Microsoft.ML;

namespace ContentGrains.Analysis;

/// <summary>
/// The one way this project makes an ML.NET context: seeded, so a fit is repeatable, and with ML.NET's own log left
/// unsubscribed (its LDA also prints to standard output; callers that write JSON there must keep that in mind).
/// </summary>
public static class AnalysisContext
{
    public static MLContext Create(int seed) => new(seed);
}
