using ContentGrains.Core.Catalog;
using ContentGrains.Core.Events;
using ContentGrains.Core.Items;

namespace ContentGrains.Core.Candidates;

/// <summary>
/// What a feed request lets in (a section page, a video-only slot): an item carrying at least one of <see cref="Tags"/>
/// when any are given, none of <see cref="ExcludeTags"/>, and a format among <see cref="Formats"/> when any are given.
/// It is applied where every candidate is admitted (<see cref="CandidatePool.Allows"/>), so every source, the
/// exploration slots and the non-personal feed obey it; the filter's own tags are also a candidate source, so a section
/// the person never read still fills. Tags compare as items store them (lower-case); formats ignore case.
/// </summary>
public sealed class ItemFilter
{
    /// <summary>Values per field: a filter is a handful of sections, not a catalog.</summary>
    public const int MaxValues = 20;

    private ItemFilter(IReadOnlyList<string> tags, IReadOnlyList<string> excludeTags, IReadOnlyList<string> formats) =>
        (Tags, ExcludeTags, Formats) = (tags, excludeTags, formats);

    public IReadOnlyList<string> Tags { get; }
    public IReadOnlyList<string> ExcludeTags { get; }
    public IReadOnlyList<string> Formats { get; }

    /// <summary>
    /// Whether it keeps only a part of the catalog (tags or formats asked for), which may be small: a catalog-wide search
    /// for the top allowed items would then read rows until it found enough, up to the whole catalog.
    /// </summary>
    public bool Restricts => Tags.Count > 0 || Formats.Count > 0;

    /// <summary>
    /// The filter of a request's comma-separated query values (<c>tags</c>, <c>excludeTags</c>, <c>formats</c>); null when
    /// none is given. A bad value is a problem naming its field: empty, too long, too many, or a tag both asked for and excluded.
    /// </summary>
    public static (ItemFilter? Filter, FieldProblem? Problem) Parse(string? tags, string? excludeTags, string? formats)
    {
        var (wanted, tagsProblem) = Values("tags", tags, ItemValidator.CheckTag);
        var (excluded, excludedProblem) = Values("excludeTags", excludeTags, ItemValidator.CheckTag);
        var (kinds, formatsProblem) = Values("formats", formats, EventValidator.CheckId);
        if ((tagsProblem ?? excludedProblem ?? formatsProblem) is { } problem) return (null, problem);
        if (wanted.FirstOrDefault(excluded.Contains) is { } both)
            return (null, new FieldProblem("excludeTags", $"'{both}' is also in tags: no item could both carry and lack it"));
        return (Of(wanted, excluded, kinds), null);
    }

    /// <summary>A filter of already checked values (a grain call), lower-cased; null when all three are empty.</summary>
    public static ItemFilter? Of(IReadOnlyList<string>? tags, IReadOnlyList<string>? excludeTags, IReadOnlyList<string>? formats)
    {
        var filter = new ItemFilter(Lower(tags), Lower(excludeTags), Lower(formats));
        return filter.Tags.Count + filter.ExcludeTags.Count + filter.Formats.Count == 0 ? null : filter;
    }

    public bool Admits(CatalogEntry entry)
    {
        // Indexed loops: a feed asks this of every candidate it looks at.
        var itemTags = entry.Tags;
        var anyWanted = Tags.Count == 0;
        for (var i = 0; i < itemTags.Count; i++)
        {
            if (Contains(ExcludeTags, itemTags[i])) return false;
            anyWanted = anyWanted || Contains(Tags, itemTags[i]);
        }
        if (!anyWanted) return false;
        if (Formats.Count == 0) return true;
        for (var i = 0; i < Formats.Count; i++)
            if (string.Equals(Formats[i], entry.Format, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
            if (string.Equals(values[i], value, StringComparison.Ordinal)) return true;
        return false;
    }

    private static (List<string> Values, FieldProblem? Problem) Values(string field, string? commaSeparated, Func<string, string?, FieldProblem?> check)
    {
        if (commaSeparated is null) return ([], null);
        var values = commaSeparated.Split(',', StringSplitOptions.TrimEntries);
        if (values.Length > MaxValues) return ([], new FieldProblem(field, $"must have at most {MaxValues} comma-separated values, got {values.Length}"));
        foreach (var value in values)
            if ((value.Length == 0 ? new FieldProblem(field, "must not hold an empty value (two commas, or a comma at an end)") : check(field, value)) is { } problem)
                return ([], problem);
        return (Lower(values), null);
    }

    private static List<string> Lower(IReadOnlyList<string>? values) =>
        values is null ? [] : values.Select(v => v.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
}
