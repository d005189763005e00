using ContentGrains.Core.Click.Mind;

namespace ContentGrains.Core.Performance;

/// <summary>
/// MIND's impressions as a cold-start CTR task. Each article's facts are what was known when it was first shown: its
/// category (the topic) and lengths from news.tsv when it has a row there, the hour, its category's impressions and
/// clicks before that moment (the analogue of a creator's record) and its text; its outcome is its impressions and
/// clicks. Articles first shown before <c>cutoff</c> train, counting only their traffic before the cutoff; articles
/// first shown at or after it are the test. MIND has no format or channel.
/// </summary>
public sealed record MindCtrSplit(IReadOnlyList<CtrExample> Training, IReadOnlyList<CtrExample> Test, IReadOnlyDictionary<string, string> Texts)
{
    public static MindCtrSplit Build(IReadOnlyList<MindImpression> impressions, IReadOnlyList<MindNews> news, DateTimeOffset cutoff)
    {
        var articles = news.GroupBy(n => n.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var categories = new Dictionary<string, (long Shown, long Clicked)>(StringComparer.Ordinal);
        var facts = new Dictionary<string, CtrFacts>(StringComparer.Ordinal);
        var firstShown = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var outcomes = new Dictionary<string, (long Shown, long Clicked)>(StringComparer.Ordinal);
        foreach (var impression in impressions.OrderBy(i => i.Time))
        {
            foreach (var candidate in impression.Candidates)
            {
                if (firstShown.ContainsKey(candidate.NewsId)) continue;
                firstShown[candidate.NewsId] = impression.Time;
                facts[candidate.NewsId] = Facts(candidate.NewsId, articles.GetValueOrDefault(candidate.NewsId), impression.Time, categories);
            }
            foreach (var candidate in impression.Candidates)
            {
                if (articles.GetValueOrDefault(candidate.NewsId) is { } known) categories[known.Category] = Add(categories.GetValueOrDefault(known.Category), candidate.Clicked);
                if (firstShown[candidate.NewsId] < cutoff && impression.Time >= cutoff) continue;
                outcomes[candidate.NewsId] = Add(outcomes.GetValueOrDefault(candidate.NewsId), candidate.Clicked);
            }
        }
        var examples = facts.Keys.Where(outcomes.ContainsKey)
            .Select(id => (Example: new CtrExample(facts[id], new CtrOutcome(outcomes[id].Shown, outcomes[id].Clicked)), Test: firstShown[id] >= cutoff)).ToList();
        var texts = facts.Keys.Where(articles.ContainsKey).Select(id => (id, Text: Text.ItemText.For(articles[id].Title, articles[id].Abstract)))
            .Where(t => t.Text is not null).ToDictionary(t => t.id, t => t.Text!, StringComparer.Ordinal);
        return new MindCtrSplit(examples.Where(e => !e.Test).Select(e => e.Example).ToList(), examples.Where(e => e.Test).Select(e => e.Example).ToList(), texts);
    }

    /// <summary>The training and test examples with each article's text vector (articles without text keep none).</summary>
    public MindCtrSplit WithVectors(IReadOnlyDictionary<string, float[]> vectors) => this with
    {
        Training = Training.Select(e => WithVector(e, vectors)).ToList(),
        Test = Test.Select(e => WithVector(e, vectors)).ToList(),
    };

    private static CtrExample WithVector(CtrExample example, IReadOnlyDictionary<string, float[]> vectors) =>
        example with { Facts = example.Facts with { TextVector = vectors.GetValueOrDefault(example.Facts.ItemId) } };

    private static CtrFacts Facts(string id, MindNews? article, DateTimeOffset shown, Dictionary<string, (long Shown, long Clicked)> categories)
    {
        if (article is null) return new CtrFacts(id, null, null, null, shown.Hour, null, null, null, null);
        var history = categories.GetValueOrDefault(article.Category);
        return new CtrFacts(id, article.Category, null, null, shown.Hour, CtrFacts.WordsIn(article.Title), CtrFacts.WordsIn(article.Abstract),
            new CreatorHistory(history.Shown, history.Clicked), null);
    }

    private static (long Shown, long Clicked) Add((long Shown, long Clicked) counts, bool clicked) => (counts.Shown + 1, counts.Clicked + (clicked ? 1 : 0));
}
