namespace ContentGrains.Core.Variants;

/// <summary>
/// Turns summary candidates into headline variants to test: each keeps the item's title as its headline (or, without a
/// title, the sentence cut to a headline's length) and carries the sentence as its summary, with id "summary-N". An item
/// that had no variants gets an "original" variant first (the title, no summary), the control the summaries compete with.
/// Variants already there stay; the list never exceeds <see cref="VariantValidator.MaxVariants"/>.
/// </summary>
public static class SummaryVariants
{
    public const string OriginalId = "original";

    public static IReadOnlyList<VariantInput> Offer(string? title, IReadOnlyList<HeadlineVariant>? existing, IReadOnlyList<SummaryCandidate> candidates)
    {
        var result = (existing ?? []).Select(v => new VariantInput(v.Id, v.Headline, v.ThumbnailUrl, v.Summary)).ToList();
        if (result.Count == 0 && !string.IsNullOrWhiteSpace(title)) result.Add(new VariantInput(OriginalId, title, null, null));
        var next = 1;
        foreach (var candidate in candidates)
        {
            if (result.Count >= VariantValidator.MaxVariants) break;
            if (result.Exists(v => v.Summary == candidate.Sentence)) continue;
            while (result.Exists(v => v.Id == $"summary-{next}")) next++;
            var headline = string.IsNullOrWhiteSpace(title) ? Cut(candidate.Sentence) : title;
            result.Add(new VariantInput($"summary-{next}", headline, null, Cut(candidate.Sentence, VariantValidator.MaxSummaryLength)));
        }
        return result;
    }

    private static string Cut(string text, int max = VariantValidator.MaxHeadlineLength) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
