namespace ContentGrains.Core.Performance;

/// <summary>
/// A live item's <see cref="CtrFacts"/> from its metadata: its first tag stands for its topic and its first channel for
/// its channel (the fields the model one-hot encodes), the hour it was published (−1 when unknown) and its title's and
/// text's lengths. The creator record is added by the caller (<see cref="ServedCtrModel"/>, <see cref="CatalogCtrFitter"/>).
/// </summary>
public static class ItemCtrFacts
{
    public const int UnknownHour = -1;

    public static CtrFacts Of(string itemId, IReadOnlyList<string>? tags, string? format, IReadOnlyList<string>? channels, DateTimeOffset? publishedAt,
        string? title, string? text) =>
        new(itemId, tags is [var tag, ..] ? tag : null, format, channels is [var channel, ..] ? channel : null,
            publishedAt?.UtcDateTime.Hour ?? UnknownHour, CtrFacts.WordsIn(title), CtrFacts.WordsIn(text), null, null);
}
