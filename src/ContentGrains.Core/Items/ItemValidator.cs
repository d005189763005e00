using ContentGrains.Core.Events;

namespace ContentGrains.Core.Items;

/// <summary>Checks item metadata and normalises tags and channels so that matching is case-insensitive.</summary>
public static class ItemValidator
{
    public const int MaxTitleLength = 1_000;
    public const int MaxTextLength = 100_000;
    public const int MaxTags = 100;
    public const int MaxTagLength = 64;
    public const int MaxChannels = 32;

    public static (ItemInfo? Item, IReadOnlyList<FieldProblem> Problems) Validate(string? itemId, ItemInput input)
    {
        var problems = new List<FieldProblem>();
        Add(problems, EventValidator.CheckId("itemId", itemId));
        if (input.Title is { Length: > MaxTitleLength }) problems.Add(new("title", $"must be at most {MaxTitleLength} characters"));
        if (input.Text is { Length: > MaxTextLength }) problems.Add(new("text", $"must be at most {MaxTextLength} characters"));
        if (input.Format is not null) Add(problems, EventValidator.CheckId("format", input.Format));
        if (input.Creator is not null) Add(problems, EventValidator.CheckId("creator", input.Creator));
        var tags = Normalise(input.Tags, "tags", MaxTags, problems, CheckTag);
        var channels = Normalise(input.Channels, "channels", MaxChannels, problems, EventValidator.CheckId);
        var variants = Variants.VariantValidator.Validate(input.Variants, problems);
        if (problems.Count > 0) return (null, problems);
        return (new ItemInfo(input.Title, input.Text, tags, input.Format, input.Creator, input.PublishedAt?.ToUniversalTime(), channels,
            variants.Count == 0 ? null : variants), problems);
    }

    /// <summary>A tag as items carry it: 1-64 characters, no control characters (it is stored lower-case).</summary>
    public static FieldProblem? CheckTag(string field, string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag)) return new(field, "must not be empty");
        if (tag.Length > MaxTagLength) return new(field, $"must be at most {MaxTagLength} characters");
        return tag.Any(char.IsControl) ? new(field, "must not contain control characters") : null;
    }

    private static List<string> Normalise(IReadOnlyList<string?>? values, string field, int max, List<FieldProblem> problems,
        Func<string, string?, FieldProblem?> check)
    {
        if (values is null) return [];
        if (values.Count > max) { problems.Add(new(field, $"must have at most {max} entries, got {values.Count}")); return []; }
        var result = new List<string>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var problem = check($"{field}[{i}]", values[i]);
            if (problem is not null) { problems.Add(problem); continue; }
            var normal = values[i]!.Trim().ToLowerInvariant();
            if (!result.Contains(normal)) result.Add(normal);
        }
        return result;
    }

    private static void Add(List<FieldProblem> problems, FieldProblem? problem)
    {
        if (problem is not null) problems.Add(problem);
    }
}
