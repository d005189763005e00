using System.Globalization;
using System.Text.Json;

namespace ContentGrains.Core.Events;

/// <summary>
/// Reads one event object of a JSON batch field by field, so a wrong type in one event is reported
/// against that event and field instead of failing the whole batch.
/// </summary>
public static class EventJson
{
    /// <summary>The fields an event may carry, in the order the API documents them.</summary>
    public static readonly IReadOnlyList<string> FieldNames =
        ["eventId", "userId", "itemId", "type", "timestamp", "channel", "dwellSeconds", "value", "text", "variant"];

    /// <summary>
    /// Reads one event. Fields it does not know are left out of the event and, when <paramref name="unknownFields"/> is
    /// given, named there, so the caller can warn about a typo (<c>"timestmap"</c>) instead of silently dropping it.
    /// </summary>
    public static (EventInput? Input, FieldProblem? Problem) Read(JsonElement element, ICollection<string>? unknownFields = null)
    {
        if (element.ValueKind != JsonValueKind.Object) return (null, new("event", "must be a JSON object"));
        string? eventId = null, userId = null, itemId = null, type = null, channel = null, text = null, variant = null;
        DateTimeOffset? timestamp = null;
        double? dwell = null, value = null;
        foreach (var property in element.EnumerateObject())
        {
            var problem = property.Name switch
            {
                "eventId" => ReadString(property, out eventId),
                "userId" => ReadString(property, out userId),
                "itemId" => ReadString(property, out itemId),
                "type" => ReadString(property, out type),
                "channel" => ReadString(property, out channel),
                "text" => ReadString(property, out text),
                "variant" => ReadString(property, out variant),
                "timestamp" => ReadTimestamp(property, out timestamp),
                "dwellSeconds" => ReadNumber(property, out dwell),
                "value" => ReadNumber(property, out value),
                _ => Unknown(property.Name, unknownFields), // ignored, and reported as a warning
            };
            if (problem is not null) return (null, problem);
        }
        return (new EventInput(eventId, userId, itemId, type, timestamp, channel, dwell, value, text, variant), null);
    }

    private static FieldProblem? Unknown(string name, ICollection<string>? unknownFields)
    {
        unknownFields?.Add(name);
        return null;
    }

    private static FieldProblem? ReadString(JsonProperty p, out string? value)
    {
        value = null;
        return p.Value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => Assign(p.Value.GetString(), out value),
            _ => new(p.Name, $"must be a string, got {Kind(p.Value)}"),
        };
    }

    private static FieldProblem? ReadNumber(JsonProperty p, out double? value)
    {
        value = null;
        if (p.Value.ValueKind == JsonValueKind.Null) return null;
        if (p.Value.ValueKind != JsonValueKind.Number) return new(p.Name, $"must be a number, got {Kind(p.Value)}");
        value = p.Value.GetDouble();
        return null;
    }

    /// <summary>An ISO-8601 string with a time zone, or a number of seconds since 1970-01-01 UTC.</summary>
    private static FieldProblem? ReadTimestamp(JsonProperty p, out DateTimeOffset? value)
    {
        value = null;
        switch (p.Value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number:
                var seconds = p.Value.GetDouble();
                if (!double.IsFinite(seconds) || seconds < -62_135_596_800 || seconds > 253_402_300_799)
                    return new(p.Name, "is out of range for seconds since 1970");
                value = DateTimeOffset.UnixEpoch.AddMilliseconds(Math.Round(seconds * 1000));
                return null;
            case JsonValueKind.String:
                if (DateTimeOffset.TryParse(p.Value.GetString(), CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                {
                    value = parsed;
                    return null;
                }
                return new(p.Name, "must be an ISO-8601 date-time (e.g. 2026-01-31T12:00:00Z) or seconds since 1970");
            default:
                return new(p.Name, $"must be a string or a number, got {Kind(p.Value)}");
        }
    }

    private static FieldProblem? Assign(string? s, out string? value)
    {
        value = s;
        return null;
    }

    private static string Kind(JsonElement e) => e.ValueKind.ToString().ToLowerInvariant();
}
