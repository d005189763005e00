using System.Globalization;
using System.Text.Json;

namespace ContentGrains.Core.Events;

/// <summary>
/// Reads one event object of a JSON batch field by field, so a wrong type in one event is reported
/// against that event and field instead of failing the whole batch. One parser: the HTTP batch reads with it straight
/// from the body's bytes, the importer and tests from a parsed element.
/// </summary>
public static class EventJson
{
    /// <summary>The fields an event may carry, in the order the API documents them.</summary>
    public static readonly IReadOnlyList<string> FieldNames =
        ["eventId", "userId", "itemId", "type", "timestamp", "channel", "dwellSeconds", "value", "text", "variant"];

    /// <summary>The same names as UTF-8, in the same order: matched against the JSON's bytes without making a string per property.</summary>
    private static readonly byte[][] FieldNamesUtf8 = FieldNames.Select(System.Text.Encoding.UTF8.GetBytes).ToArray();

    private static readonly FieldProblem NotAnObject = new("event", "must be a JSON object");

    /// <summary>
    /// Reads one event. Fields it does not know are left out of the event and, when <paramref name="unknownFields"/> is
    /// given, named there, so the caller can warn about a typo (<c>"timestmap"</c>) instead of silently dropping it.
    /// </summary>
    public static (EventInput? Input, FieldProblem? Problem) Read(JsonElement element, ICollection<string>? unknownFields = null)
    {
        var reader = new Utf8JsonReader(JsonSerializer.SerializeToUtf8Bytes(element));
        reader.Read();
        return Read(ref reader, unknownFields);
    }

    /// <summary>
    /// Reads one event straight from the request's bytes (no document, no string per property name): the reader stands
    /// on the event's first token and is left on its last, so the caller reads on to the next element. The reader must
    /// hold the whole value (a final block), as a request body already checked as JSON does.
    /// </summary>
    public static (EventInput? Input, FieldProblem? Problem) Read(ref Utf8JsonReader reader, ICollection<string>? unknownFields = null)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return (null, NotAnObject);
        }
        var depth = reader.CurrentDepth;
        string? eventId = null, userId = null, itemId = null, type = null, channel = null, text = null, variant = null;
        DateTimeOffset? timestamp = null;
        double? dwell = null, value = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = FieldOf(ref reader);
            var unknownName = field < 0 ? reader.GetString()! : null;
            reader.Read();
            var problem = field switch
            {
                0 => ReadString(ref reader, 0, out eventId),
                1 => ReadString(ref reader, 1, out userId),
                2 => ReadString(ref reader, 2, out itemId),
                3 => ReadString(ref reader, 3, out type),
                4 => ReadTimestamp(ref reader, out timestamp),
                5 => ReadString(ref reader, 5, out channel),
                6 => ReadNumber(ref reader, 6, out dwell),
                7 => ReadNumber(ref reader, 7, out value),
                8 => ReadString(ref reader, 8, out text),
                9 => ReadString(ref reader, 9, out variant),
                _ => Unknown(ref reader, unknownName!, unknownFields), // ignored, and reported as a warning
            };
            if (problem is not null)
            {
                SkipRestOfObject(ref reader, depth);
                return (null, problem);
            }
        }
        return (new EventInput(eventId, userId, itemId, type, timestamp, channel, dwell, value, text, variant), null);
    }

    /// <summary>The index in <see cref="FieldNames"/> of the property the reader stands on, or -1.</summary>
    private static int FieldOf(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < FieldNamesUtf8.Length; i++)
            if (reader.ValueTextEquals(FieldNamesUtf8[i])) return i;
        return -1;
    }

    /// <summary>From a value that had a problem to the end of its event, so the next event reads from its own start.</summary>
    private static void SkipRestOfObject(ref Utf8JsonReader reader, int depth)
    {
        reader.Skip();
        while (!(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            reader.Read();
            reader.Skip();
        }
    }

    private static FieldProblem? Unknown(ref Utf8JsonReader reader, string name, ICollection<string>? unknownFields)
    {
        reader.Skip();
        unknownFields?.Add(name);
        return null;
    }

    private static FieldProblem? ReadString(ref Utf8JsonReader reader, int field, out string? value)
    {
        value = null;
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => Assign(reader.GetString(), out value),
            _ => new(FieldNames[field], $"must be a string, got {Kind(reader.TokenType)}"),
        };
    }

    private static FieldProblem? ReadNumber(ref Utf8JsonReader reader, int field, out double? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.Number) return new(FieldNames[field], $"must be a number, got {Kind(reader.TokenType)}");
        value = reader.GetDouble();
        return null;
    }

    /// <summary>An ISO-8601 string with a time zone, or a number of seconds since 1970-01-01 UTC.</summary>
    private static FieldProblem? ReadTimestamp(ref Utf8JsonReader reader, out DateTimeOffset? value)
    {
        value = null;
        const string name = "timestamp";
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                var seconds = reader.GetDouble();
                if (!double.IsFinite(seconds) || seconds < -62_135_596_800 || seconds > 253_402_300_799)
                    return new(name, "is out of range for seconds since 1970");
                value = DateTimeOffset.UnixEpoch.AddMilliseconds(Math.Round(seconds * 1000));
                return null;
            case JsonTokenType.String:
                // The usual UTC form ("…Z") without a string: the reader's own ISO-8601 parse gives the same instant.
                if (!reader.ValueIsEscaped && reader.ValueSpan is [.., (byte)'Z'] && reader.TryGetDateTimeOffset(out var utc))
                {
                    value = utc.ToUniversalTime();
                    return null;
                }
                if (DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                {
                    value = parsed;
                    return null;
                }
                return new(name, "must be an ISO-8601 date-time (e.g. 2026-01-31T12:00:00Z) or seconds since 1970");
            default:
                return new(name, $"must be a string or a number, got {Kind(reader.TokenType)}");
        }
    }

    private static FieldProblem? Assign(string? s, out string? value)
    {
        value = s;
        return null;
    }

    /// <summary>The JSON kind of a value, in the words the API uses ("string", "number", "object", "array", "true"…).</summary>
    private static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        _ => token.ToString().ToLowerInvariant(),
    };
}
