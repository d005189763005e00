using System.Text.Json.Nodes;

namespace ContentGrains.Bench;

/// <summary>
/// A silo's item text vector worker as GET /metrics exports it (the engine's meter, EngineMetrics): items waiting for
/// their MiniLM vector, items encoded, and the encoder's wall and CPU seconds. Two readings around a feed run say how
/// much of the silo's CPU went to encoding titles while the feeds were measured.
/// </summary>
public sealed record TextVectorCounters(double Waiting, double Encoded, double EncodeSeconds, double EncodeCpuSeconds)
{
    public const string WaitingMetric = "contentgrains_text_vectors_waiting";
    public const string HandledMetric = "contentgrains_text_vectors_total";
    public const string EncodeSecondsMetric = "contentgrains_text_vector_encode_seconds_total";

    public static TextVectorCounters Of(string metrics) => new(
        SiloMetrics.Sum(metrics, WaitingMetric),
        SiloMetrics.Sum(metrics, HandledMetric, "outcome=\"encoded\""),
        SiloMetrics.Sum(metrics, EncodeSecondsMetric, "clock=\"wall\""),
        SiloMetrics.Sum(metrics, EncodeSecondsMetric, "clock=\"cpu\""));

    public static TextVectorCounters Zero { get; } = new(0, 0, 0, 0);

    public TextVectorCounters Plus(TextVectorCounters other) =>
        new(Waiting + other.Waiting, Encoded + other.Encoded, EncodeSeconds + other.EncodeSeconds, EncodeCpuSeconds + other.EncodeCpuSeconds);

    /// <summary>The queue at the start and end of a run, and what encoding did and cost in between (its share of the silos' CPU too).</summary>
    public static JsonObject During(TextVectorCounters start, TextVectorCounters end, double? siloCpuSeconds) => new()
    {
        ["waitingAtStart"] = start.Waiting,
        ["waitingAtEnd"] = end.Waiting,
        ["encoded"] = end.Encoded - start.Encoded,
        ["encodeSeconds"] = Math.Round(end.EncodeSeconds - start.EncodeSeconds, 2),
        ["encodeCpuSeconds"] = Math.Round(end.EncodeCpuSeconds - start.EncodeCpuSeconds, 2),
        ["shareOfSiloCpu"] = siloCpuSeconds is > 0 ? Math.Round((end.EncodeCpuSeconds - start.EncodeCpuSeconds) / siloCpuSeconds.Value, 3) : null,
    };
}
