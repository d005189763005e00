using System.Text.Json;

namespace ContentGrains.Core.Segments;

/// <summary>
/// Every fitted person's segment as the fit assigned it, stored beside the model so that jobs over the log (KPIs by
/// segment, reports) label each event with one dictionary read instead of a grain call per person. It is the fit's
/// view: a person's live segment (the user grain's, from their current profile) can move before the next fit.
/// About 60 bytes per person in memory; JSON of about 20 bytes per person in the model store.
/// </summary>
public sealed record SegmentAssignments(IReadOnlyDictionary<string, int> Segments)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string? SegmentOf(string personId) =>
        Segments.TryGetValue(personId, out var s) ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

    public byte[] ToJsonBytes() => JsonSerializer.SerializeToUtf8Bytes(Segments, Json);

    public static SegmentAssignments FromJson(byte[] bytes) =>
        new(JsonSerializer.Deserialize<Dictionary<string, int>>(bytes, Json) is { } d
            ? new Dictionary<string, int>(d, StringComparer.Ordinal)
            : throw new InvalidOperationException("the stored segment assignments are empty"));
}
