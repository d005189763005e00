namespace ContentGrains.Core.Models.Ranking;

/// <summary>
/// Turns a user's item history into candidates and ranking features. The candidates are the union of each base
/// scorer's top <see cref="CandidatesPerScorer"/> items outside the history. Each candidate gets, for every base
/// scorer, its score, its score relative to the user's best, and log(1 + rank); the item's popularity and popularity
/// rank; the history's length and mean popularity; and the match of the item's tags and year with the history's.
/// Every feature depends only on the history, so a ranker trained on them scores live users as well.
/// </summary>
public sealed class CandidateFeatures
{
    private readonly IHistoryScorer[] scorers;
    private readonly float[] logPopularity;
    private readonly float[] logPopularityRank;
    private readonly ItemSideInfo side;

    public CandidateFeatures(IReadOnlyList<IHistoryScorer> scorers, int[] popularity, ItemSideInfo side, int candidatesPerScorer)
    {
        ArgumentOutOfRangeException.ThrowIfZero(scorers.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(candidatesPerScorer);
        ItemCount = popularity.Length;
        if (scorers.Any(s => s.ItemCount != ItemCount) || side.ItemCount != ItemCount)
            throw new ArgumentException("The scorers, popularity and side information must cover the same items.");
        this.scorers = scorers.ToArray();
        this.side = side;
        CandidatesPerScorer = candidatesPerScorer;
        Popularity = popularity;
        logPopularity = Array.ConvertAll(popularity, count => MathF.Log(1 + count));
        var byPopularity = Enumerable.Range(0, ItemCount).OrderByDescending(i => popularity[i]).ThenBy(i => i).ToArray();
        logPopularityRank = new float[ItemCount];
        for (var rank = 0; rank < ItemCount; rank++)
            logPopularityRank[byPopularity[rank]] = MathF.Log(1 + rank);
        FeatureCount = PerScorer * this.scorers.Length + 8;
    }

    /// <summary>Features per base scorer: score, score / best score, log(1 + rank), 1 / (10 + rank), log(max(score, 1e-3)).</summary>
    private const int PerScorer = 5;

    public int ItemCount { get; }

    public int CandidatesPerScorer { get; }

    public int FeatureCount { get; }

    /// <summary>Training interactions per item, as given.</summary>
    public int[] Popularity { get; }

    internal IReadOnlyList<IHistoryScorer> Scorers => scorers;

    internal ItemSideInfo Side => side;

    /// <summary>Names of the features, in column order (scorers are named s0, s1, … in the order given).</summary>
    public IReadOnlyList<string> FeatureNames =>
    [
        .. Enumerable.Range(0, scorers.Length).SelectMany(s => new[] { $"s{s}.score", $"s{s}.relative", $"s{s}.logRank", $"s{s}.reciprocalRank", $"s{s}.logScore" }),
        "item.logPopularity", "item.logPopularityRank", "user.logLength", "user.meanLogPopularity", "popularity.gap",
        "tags.cosine", "tags.bestShare", "year.difference",
    ];

    /// <summary>
    /// Fills <paramref name="candidates"/> (ascending item indices) and <paramref name="features"/> (FeatureCount per
    /// candidate, row-major) for a user with <paramref name="history"/>; <paramref name="firstScorerScores"/> gets every
    /// item's score under the first scorer, for ordering the items outside the candidates.
    /// </summary>
    /// <remarks>
    /// A candidate's rank under a scorer is the number of items outside the history that score strictly higher (tied
    /// items share the best rank). Only the candidates' ranks are computed: one pass over the items per scorer with a
    /// binary search among the candidates' sorted scores, instead of sorting every item for every scorer.
    /// </remarks>
    public void Build(ReadOnlySpan<int> history, List<int> candidates, List<float> features, float[] firstScorerScores)
    {
        candidates.Clear();
        features.Clear();
        var n = ItemCount;
        var inHistory = new bool[n];
        foreach (var item in history)
            inHistory[item] = true;

        var scores = new float[scorers.Length][];
        var best = new float[scorers.Length];
        var isCandidate = new bool[n];
        var masked = new float[n];
        var top = new int[Math.Min(CandidatesPerScorer, n)];
        for (var s = 0; s < scorers.Length; s++)
        {
            scores[s] = s == 0 ? firstScorerScores : new float[n];
            scorers[s].ScoreHistory(history, scores[s]);
            for (var i = 0; i < n; i++)
                masked[i] = inHistory[i] ? float.NegativeInfinity : scores[s][i];
            var found = Evaluation.TopK.Select(masked, top);
            for (var position = 0; position < found; position++)
                isCandidate[top[position]] = true;
            best[s] = found > 0 ? scores[s][top[0]] : 0f;
        }
        for (var item = 0; item < n; item++)
            if (isCandidate[item])
                candidates.Add(item);

        var ranks = new int[scorers.Length][];
        for (var s = 0; s < scorers.Length; s++)
            ranks[s] = CandidateRanks(scores[s], inHistory, candidates);

        var (logLength, meanLogPopularity, tagShare, tagNorm, meanYear) = Profile(history);
        for (var c = 0; c < candidates.Count; c++)
        {
            var item = candidates[c];
            for (var s = 0; s < scorers.Length; s++)
            {
                var score = scores[s][item];
                features.Add(score);
                features.Add(best[s] > 0 ? score / best[s] : 0f);
                features.Add(MathF.Log(1 + ranks[s][c]));
                features.Add(1f / (10 + ranks[s][c])); // reciprocal rank fusion's term
                features.Add(MathF.Log(Math.Max(score, 1e-3f)));
            }
            features.Add(logPopularity[item]);
            features.Add(logPopularityRank[item]);
            features.Add(logLength);
            features.Add(meanLogPopularity);
            features.Add(logPopularity[item] - meanLogPopularity);

            var tags = side.TagsOf(item);
            float shared = 0, bestShare = 0;
            foreach (var tag in tags)
            {
                shared += tagShare[tag];
                bestShare = Math.Max(bestShare, tagShare[tag]);
            }
            features.Add(tags.Length == 0 || tagNorm == 0 ? 0f : shared / (tagNorm * MathF.Sqrt(tags.Length)));
            features.Add(bestShare);
            var year = side.YearOf(item);
            features.Add(float.IsNaN(year) || float.IsNaN(meanYear) ? 0f : year - meanYear);
        }
    }

    /// <summary>For each candidate, how many items outside the history score strictly higher under one scorer.</summary>
    private static int[] CandidateRanks(float[] scores, bool[] inHistory, List<int> candidates)
    {
        var sorted = new float[candidates.Count];
        for (var c = 0; c < sorted.Length; c++) sorted[c] = scores[candidates[c]];
        Array.Sort(sorted);
        // above[j]: the items scoring strictly between sorted[j - 1] and sorted[j] (or above all for j = count);
        // an item above sorted[j] is above every sorted[<= j], so a suffix sum gives each candidate score its count.
        var above = new int[sorted.Length + 1];
        for (var i = 0; i < scores.Length; i++)
        {
            if (inHistory[i]) continue;
            var position = CountBelow(sorted, scores[i]); // candidates scoring strictly below this item: sorted[0..position)
            above[position]++;
        }
        var higherThan = new int[sorted.Length]; // items strictly above sorted[j]
        var running = 0;
        for (var j = sorted.Length - 1; j >= 0; j--)
        {
            running += above[j + 1];
            higherThan[j] = running;
        }
        var ranks = new int[candidates.Count];
        for (var c = 0; c < ranks.Length; c++)
            ranks[c] = higherThan[CountBelow(sorted, scores[candidates[c]])]; // the first of its ties: they share the count
        return ranks;
    }

    /// <summary>The number of values in ascending <paramref name="sorted"/> that are strictly below <paramref name="value"/>.</summary>
    private static int CountBelow(float[] sorted, float value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle] < value) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    /// <summary>What the features compare a candidate with: the history's size, popularity, tag shares and mean year.</summary>
    private (float LogLength, float MeanLogPopularity, float[] TagShare, float TagNorm, float MeanYear) Profile(ReadOnlySpan<int> history)
    {
        var tagShare = new float[side.TagCount];
        float popularitySum = 0, yearSum = 0;
        var years = 0;
        foreach (var item in history)
        {
            popularitySum += logPopularity[item];
            foreach (var tag in side.TagsOf(item))
                tagShare[tag] += 1;
            var year = side.YearOf(item);
            if (!float.IsNaN(year))
            {
                yearSum += year;
                years++;
            }
        }
        float norm = 0;
        for (var tag = 0; tag < tagShare.Length; tag++)
        {
            tagShare[tag] /= Math.Max(1, history.Length);
            norm += tagShare[tag] * tagShare[tag];
        }
        return (MathF.Log(1 + history.Length), history.Length == 0 ? 0f : popularitySum / history.Length,
            tagShare, MathF.Sqrt(norm), years == 0 ? float.NaN : yearSum / years);
    }
}
