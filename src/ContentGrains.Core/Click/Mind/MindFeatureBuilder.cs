namespace ContentGrains.Core.Click.Mind;

/// <summary>
/// Turns MIND impressions into click-model rows the way the live engine would see them: it walks the impressions in
/// time order and computes each candidate's <see cref="ClickSignals"/> only from what was logged before that
/// impression (the candidates' <see cref="RecentWindows"/>, the person's earlier visits), then records the impression
/// and its clicks. Co-click lift (<see cref="CoClickProfile"/>) relates the person's history to the histories of each
/// candidate's earlier clickers. A person's history column (clicks before the log began) is known from their first visit on: it
/// counts towards the items' earlier clicks and the person's activity and tags. Signals MIND lacks (an embedding
/// score; text similarity unless item text vectors are given) stay missing.
/// </summary>
public sealed class MindFeatureBuilder(IReadOnlyDictionary<string, MindNews>? news = null, IReadOnlyDictionary<string, float[]>? textVectors = null)
{
    /// <summary>MIND is a web portal's log.</summary>
    public const string Channel = "web";

    private readonly Dictionary<string, RecentWindows> items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> earlierClicks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MindPerson> people = new(StringComparer.Ordinal);
    private readonly CoClickProfile coClicks = new();

    /// <summary>Rows for every impression, in time order (ties in file order).</summary>
    public List<ClickImpression> Build(IEnumerable<MindImpression> impressions)
    {
        var built = new List<ClickImpression>();
        foreach (var impression in impressions.OrderBy(i => i.Time))
            built.Add(Add(impression));
        return built;
    }

    /// <summary>The rows of one impression from what came before it; then the impression is recorded.</summary>
    public ClickImpression Add(MindImpression impression)
    {
        var person = Person(impression.UserId, impression.History);
        var rows = new float[impression.Candidates.Count * ClickFeatures.Count];
        var labels = new float[impression.Candidates.Count];
        for (var slot = 0; slot < impression.Candidates.Count; slot++)
        {
            var candidate = impression.Candidates[slot];
            var signals = Signals(candidate.NewsId, slot, impression.Time, person);
            ClickFeatures.Write(signals, rows.AsSpan(slot * ClickFeatures.Count, ClickFeatures.Count));
            labels[slot] = candidate.Clicked ? 1 : 0;
        }
        Record(impression, person);
        return new ClickImpression(impression.Id, impression.Time, rows, labels);
    }

    private ClickSignals Signals(string newsId, int slot, DateTimeOffset at, MindPerson person)
    {
        items.TryGetValue(newsId, out var counters);
        return new ClickSignals
        {
            Age = counters?.FirstSeen is { } first ? at - first : TimeSpan.Zero, // never shown before: first seen now
            ItemWindows = counters?.CountsAt(at),
            EarlierClicks = earlierClicks.GetValueOrDefault(newsId),
            TextSimilarity = person.TextSimilarity(newsId, textVectors),
            CoClick = coClicks.Score(newsId, person.Recent()),
            TagMatch = person.TagMatch(newsId, news),
            Channel = Channel,
            HourOfDay = at.UtcDateTime.Hour,
            Slot = slot,
            UserHistoryLength = person.Length,
            SinceUserLastSeen = person.LastSeen is { } last ? at - last : null,
        };
    }

    private MindPerson Person(string userId, IReadOnlyList<string> history)
    {
        if (people.TryGetValue(userId, out var person))
            return person;
        person = people[userId] = new MindPerson();
        coClicks.AddPerson(history);
        foreach (var newsId in history)
        {
            earlierClicks[newsId] = earlierClicks.GetValueOrDefault(newsId) + 1;
            person.AddClick(newsId);
        }
        return person;
    }

    private void Record(MindImpression impression, MindPerson person)
    {
        foreach (var candidate in impression.Candidates)
        {
            if (!items.TryGetValue(candidate.NewsId, out var counters))
                counters = items[candidate.NewsId] = new RecentWindows();
            counters.RecordImpression(impression.Time);
            if (!candidate.Clicked) continue;
            counters.RecordClick(impression.Time);
            coClicks.AddClick(candidate.NewsId, person.Recent());
            person.AddClick(candidate.NewsId);
        }
        person.LastSeen = impression.Time;
    }
}
