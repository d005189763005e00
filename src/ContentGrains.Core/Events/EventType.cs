namespace ContentGrains.Core.Events;

/// <summary>The kinds of interaction the engine understands. The numeric values are stored in the event log: never renumber.</summary>
public enum EventType : byte
{
    Impression = 1,
    View = 2,
    Click = 3,
    Like = 4,
    Share = 5,
    Comment = 6,
    Dislike = 7,
    Conversion = 8,
    Dwell = 9,
}

public static class EventTypes
{
    // One rule for the names the engine defines (event types, tags, channels): case does not matter. Ids keep theirs.
    private static readonly Dictionary<string, EventType> ByName =
        Enum.GetValues<EventType>().ToDictionary(Name, t => t, StringComparer.OrdinalIgnoreCase);

    /// <summary>The lower-case wire name, e.g. "click".</summary>
    public static string Name(this EventType type) => type switch
    {
        EventType.Impression => "impression",
        EventType.View => "view",
        EventType.Click => "click",
        EventType.Like => "like",
        EventType.Share => "share",
        EventType.Comment => "comment",
        EventType.Dislike => "dislike",
        EventType.Conversion => "conversion",
        EventType.Dwell => "dwell",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown event type"),
    };

    public static bool TryParse(string? name, out EventType type) => ByName.TryGetValue(name ?? "", out type);

    public static string KnownNames { get; } = string.Join(", ", ByName.Keys);

    /// <summary>True when the event means the user has consumed (or rejected) the item, so the feed should not offer it again.</summary>
    public static bool MarksConsumed(this EventType type) => type != EventType.Impression;
}
