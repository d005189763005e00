namespace ContentGrains.Core.Events;

/// <summary>
/// Turns client input into <see cref="Interaction"/>s, naming the field and the reason for each refusal.
/// The first problem found is reported, in field order, so a client fixes one thing at a time.
/// </summary>
public sealed class EventValidator(TimeProvider clock)
{
    public const int MaxIdLength = 128;
    public const int MaxTextLength = 4_000;
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);
    public const string DefaultChannel = "unknown";

    public EventValidator() : this(TimeProvider.System) { }

    public (Interaction? Event, FieldProblem? Problem) Validate(EventInput input)
    {
        var problem = CheckId("eventId", input.EventId)
            ?? CheckId("userId", input.UserId)
            ?? CheckId("itemId", input.ItemId)
            ?? CheckType(input.Type)
            ?? CheckTimestamp(input.Timestamp)
            ?? (input.Channel is null ? null : CheckId("channel", input.Channel))
            ?? CheckDwell(input)
            ?? CheckValue(input.Value)
            ?? CheckText(input.Text)
            ?? (input.Variant is null ? null : CheckId("variant", input.Variant));
        if (problem is not null) return (null, problem);

        EventTypes.TryParse(input.Type, out var type);
        return (new Interaction(
            input.EventId!, input.UserId!, input.ItemId!, type, input.Timestamp!.Value.ToUniversalTime(),
            (input.Channel ?? DefaultChannel).ToLowerInvariant(), input.DwellSeconds ?? 0, input.Value, input.Text, input.Variant), null);
    }

    /// <summary>Ids are 1–128 characters of ASCII letters, digits and <c>_ - . : @</c>: safe in URLs, logs and keys.</summary>
    public static FieldProblem? CheckId(string field, string? value)
    {
        if (string.IsNullOrEmpty(value)) return new(field, "is required");
        if (value.Length > MaxIdLength) return new(field, $"must be at most {MaxIdLength} characters, got {value.Length}");
        // Runes, not chars, so an emoji is quoted whole in the reason.
        foreach (var rune in value.EnumerateRunes())
            if (!IsSafeIdChar(rune))
                return new(field, $"contains '{Printable(rune)}'; allowed are ASCII letters (a-z, A-Z), digits and _ - . : @");
        return null;
    }

    private static bool IsSafeIdChar(System.Text.Rune r) =>
        r.Value is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-' or '.' or ':' or '@';

    private static string Printable(System.Text.Rune r) => System.Text.Rune.IsControl(r) ? $"\\u{r.Value:x4}" : r.ToString();

    private static FieldProblem? CheckType(string? type)
    {
        if (string.IsNullOrEmpty(type)) return new("type", "is required");
        return EventTypes.TryParse(type, out _) ? null : new("type", $"'{Truncate(type)}' is not one of {EventTypes.KnownNames}");
    }

    private FieldProblem? CheckTimestamp(DateTimeOffset? timestamp)
    {
        if (timestamp is null) return new("timestamp", "is required");
        var latest = clock.GetUtcNow() + MaxClockSkew;
        return timestamp.Value > latest ? new("timestamp", "is more than 5 minutes in the future") : null;
    }

    private static FieldProblem? CheckDwell(EventInput input)
    {
        if (input.DwellSeconds is { } d)
        {
            if (!double.IsFinite(d)) return new("dwellSeconds", "must be a finite number");
            if (d < 0) return new("dwellSeconds", "must be at least 0");
        }
        else if (input.Type == "dwell") return new("dwellSeconds", "is required for a dwell event");
        return null;
    }

    private static FieldProblem? CheckValue(double? value) =>
        value is { } v && !double.IsFinite(v) ? new("value", "must be a finite number") : null;

    private static FieldProblem? CheckText(string? text) =>
        text is { Length: > MaxTextLength } ? new("text", $"must be at most {MaxTextLength} characters, got {text.Length}") : null;

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
