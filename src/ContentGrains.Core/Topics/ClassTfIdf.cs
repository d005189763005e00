namespace ContentGrains.Core.Topics;

/// <summary>
/// Class-based TF-IDF (Grootendorst's c-TF-IDF, as BERTopic names topics): all texts of a topic are one document;
/// a word's weight in topic c is tf(w, c) / |c| · log(1 + A / f(w)), where tf(w, c) counts w in the topic, |c| is the
/// topic's word count, A the mean word count per topic and f(w) the count of w over all topics. Words frequent in one
/// topic and rare elsewhere come first.
/// </summary>
public static class ClassTfIdf
{
    /// <summary>The <paramref name="top"/> heaviest words of each topic 0..k-1 (an empty list for an empty topic).</summary>
    public static IReadOnlyList<IReadOnlyList<TopicWord>> TopWords(IReadOnlyList<IReadOnlyList<string>> documentWords, IReadOnlyList<int> topics, int k, int top)
    {
        if (documentWords.Count != topics.Count) throw new ArgumentException($"topics: {topics.Count} given for {documentWords.Count} documents", nameof(topics));
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var counts = Enumerable.Range(0, k).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        var overall = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var d = 0; d < documentWords.Count; d++)
        {
            if (topics[d] < 0 || topics[d] >= k) throw new ArgumentOutOfRangeException(nameof(topics), topics[d], $"topic of document {d} is outside 0..{k - 1}");
            foreach (var word in documentWords[d])
            {
                counts[topics[d]][word] = counts[topics[d]].GetValueOrDefault(word) + 1;
                overall[word] = overall.GetValueOrDefault(word) + 1;
            }
        }
        var meanWords = (double)overall.Values.Sum() / k;
        return counts.Select(topic => Heaviest(topic, overall, meanWords, top)).ToList();
    }

    private static IReadOnlyList<TopicWord> Heaviest(Dictionary<string, int> topic, Dictionary<string, int> overall, double meanWords, int top)
    {
        var size = (double)topic.Values.Sum();
        return topic
            .Select(w => new TopicWord(w.Key, w.Value / size * Math.Log(1 + meanWords / overall[w.Key])))
            .OrderByDescending(w => w.Weight).ThenBy(w => w.Word, StringComparer.Ordinal)
            .Take(top).ToList();
    }
}

/// <summary>A word that names a topic, with its weight there (c-TF-IDF, or the topic model's own word score).</summary>
public sealed record TopicWord(string Word, double Weight);
