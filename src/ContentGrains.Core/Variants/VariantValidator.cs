using ContentGrains.Core.Events;

namespace ContentGrains.Core.Variants;

/// <summary>Checks an item's headline variants: ids unique and URL-safe, a headline each, bounded lengths and count.</summary>
public static class VariantValidator
{
    public const int MaxVariants = 10;
    public const int MaxHeadlineLength = 300;
    public const int MaxSummaryLength = 2_000;
    public const int MaxUrlLength = 2_000;

    /// <summary>The variants, or an empty list with <paramref name="problems"/> filled. No list, or an empty one, means no test.</summary>
    public static IReadOnlyList<HeadlineVariant> Validate(IReadOnlyList<VariantInput?>? inputs, List<FieldProblem> problems)
    {
        if (inputs is null || inputs.Count == 0) return [];
        if (inputs.Count > MaxVariants) { problems.Add(new("variants", $"must have at most {MaxVariants} entries, got {inputs.Count}")); return []; }
        if (inputs.Count == 1) { problems.Add(new("variants", "must have at least 2 entries to compare, got 1")); return []; }
        var before = problems.Count;
        var result = new List<HeadlineVariant>(inputs.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < inputs.Count; i++)
        {
            var field = $"variants[{i}]";
            if (inputs[i] is not { } v) { problems.Add(new(field, "must be an object")); continue; }
            var problem = EventValidator.CheckId($"{field}.id", v.Id)
                ?? (ids.Add(v.Id!) ? null : new FieldProblem($"{field}.id", $"'{v.Id}' is used by an earlier variant; ids must be unique"))
                ?? CheckText($"{field}.headline", v.Headline, MaxHeadlineLength, required: true)
                ?? CheckText($"{field}.summary", v.Summary, MaxSummaryLength, required: false)
                ?? CheckUrl($"{field}.thumbnailUrl", v.ThumbnailUrl);
            if (problem is not null) problems.Add(problem);
            else result.Add(new HeadlineVariant(v.Id!, v.Headline!.Trim(), v.ThumbnailUrl, v.Summary?.Trim()));
        }
        return problems.Count > before ? [] : result;
    }

    private static FieldProblem? CheckText(string field, string? text, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(text)) return required ? new(field, "is required") : text is null ? null : new(field, "must not be blank");
        if (text.Length > max) return new(field, $"must be at most {max} characters, got {text.Length}");
        return text.Any(c => char.IsControl(c) && c != '\n') ? new(field, "must not contain control characters") : null;
    }

    private static FieldProblem? CheckUrl(string field, string? url)
    {
        if (url is null) return null;
        if (url.Length > MaxUrlLength) return new(field, $"must be at most {MaxUrlLength} characters, got {url.Length}");
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? null : new(field, "must be an absolute http or https URL");
    }
}
