using System.Numerics.Tensors;

namespace ContentGrains.Core.Click.Mind;

/// <summary>
/// What the feature builder knows of one person: their clicks so far (the history column, then clicks in the log),
/// when they were last seen, and the signals drawn from their recent clicks (tag match, text similarity).
/// </summary>
internal sealed class MindPerson
{
    /// <summary>How many recent clicks the person's tags and text vector are drawn from.</summary>
    public const int RecentCount = 50;

    private readonly List<string> clicks = [];

    public int Length => clicks.Count;
    public DateTimeOffset? LastSeen { get; set; }

    public void AddClick(string newsId) => clicks.Add(newsId);

    /// <summary>
    /// The share of the candidate's two tags (category, subcategory) found among the person's recent clicks' tags;
    /// null when the candidate or none of those clicks has a news.tsv row.
    /// </summary>
    public float? TagMatch(string newsId, IReadOnlyDictionary<string, MindNews>? news)
    {
        if (news is null || !news.TryGetValue(newsId, out var candidate)) return null;
        var known = Recent().Select(id => news.GetValueOrDefault(id)).OfType<MindNews>().ToList();
        if (known.Count == 0) return null;
        var matches = (known.Any(n => n.Category == candidate.Category) ? 1 : 0) + (known.Any(n => n.Subcategory == candidate.Subcategory) ? 1 : 0);
        return matches / 2f;
    }

    /// <summary>Cosine between the candidate's text vector and the mean of the recent clicks' vectors; null when either is unknown.</summary>
    public float? TextSimilarity(string newsId, IReadOnlyDictionary<string, float[]>? vectors)
    {
        if (vectors is null || !vectors.TryGetValue(newsId, out var candidate)) return null;
        float[]? sum = null;
        foreach (var id in Recent())
        {
            if (!vectors.TryGetValue(id, out var vector)) continue;
            sum ??= new float[vector.Length];
            TensorPrimitives.Add(sum, vector, sum);
        }
        return sum is null ? null : TensorPrimitives.CosineSimilarity(candidate, sum);
    }

    /// <summary>The person's last <see cref="RecentCount"/> clicks, oldest first.</summary>
    public IReadOnlyList<string> Recent() => clicks.Count <= RecentCount ? clicks : clicks.GetRange(clicks.Count - RecentCount, RecentCount);
}
