using ContentGrains.Core.Catalog;
using ContentGrains.Core.Feed;

namespace ContentGrains.Core.Ranking;

/// <summary>
/// The item's quality (<see cref="ItemQuality"/>) in the ranking, for everyone: what the crowd clicked more than its slots
/// explain. A step after the ranking, so the weighted and the click-model orders both get it: the weighted score gains
/// weight × <see cref="ItemQuality.Part"/>; a click model's probability is multiplied by quality^exponent (both
/// multiplicative effects on the odds of a click, as the item's appeal is). Re-sorts in place, ties by item id.
/// </summary>
public static class ItemQualityTerm
{
    public static List<ScoredCandidate> Apply(List<ScoredCandidate> ranked, CatalogSnapshot catalog, ItemQualitySettings settings, bool byClickModel)
    {
        var weight = byClickModel ? settings.ClickExponent : settings.Weight;
        if (weight == 0 || ranked.Count == 0 || catalog.Quality.MeanRate <= 0) return ranked;
        for (var i = 0; i < ranked.Count; i++)
        {
            var quality = catalog.Quality.Of(catalog.Entries[ranked[i].Entry]);
            var score = byClickModel ? ranked[i].Score * Math.Pow(quality, weight) : ranked[i].Score + weight * ItemQuality.Part(quality);
            ranked[i] = ranked[i] with { Score = score };
        }
        ranked.Sort((a, b) => a.Score != b.Score
            ? b.Score.CompareTo(a.Score)
            : string.CompareOrdinal(catalog.Entries[a.Entry].ItemId, catalog.Entries[b.Entry].ItemId));
        return ranked;
    }
}
