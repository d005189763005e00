using System.Text;

namespace ContentGrains.Core.Topics;

/// <summary>
/// The words a topic can be named by: lower-case runs of letters (apostrophes dropped, so "Trump's" reads "trumps"
/// rather than "trump" and "s"), at least 3 letters long, without English stop words or numbers.
/// </summary>
public static class TopicWords
{
    public const int MinLength = 3;

    public static List<string> Of(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text)) return words;
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetter(c)) word.Append(char.ToLowerInvariant(c));
            else if (c is '\'' or '’') continue;
            else Flush(word, words);
        }
        Flush(word, words);
        return words;
    }

    private static void Flush(StringBuilder word, List<string> words)
    {
        if (word.Length >= MinLength && !StopWords.Contains(word.ToString())) words.Add(word.ToString());
        word.Clear();
    }

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "about", "above", "after", "again", "against", "all", "also", "and", "any", "are", "aren", "because", "been",
        "before", "being", "below", "between", "both", "but", "can", "could", "did", "didn", "does", "doesn", "doing",
        "don", "down", "during", "each", "even", "ever", "every", "few", "for", "from", "further", "get", "gets", "got",
        "had", "has", "hasn", "have", "having", "her", "here", "hers", "herself", "him", "himself", "his", "how", "into",
        "isn", "its", "itself", "just", "let", "lets", "like", "made", "make", "many", "may", "more", "most", "much",
        "must", "new", "not", "now", "off", "once", "one", "only", "other", "our", "ours", "ourselves", "out", "over",
        "own", "said", "same", "says", "see", "she", "should", "since", "some", "still", "such", "take", "than", "that",
        "thats", "the", "their", "theirs", "them", "themselves", "then", "there", "theres", "these", "they", "this",
        "those", "through", "too", "two", "under", "until", "upon", "very", "was", "wasn", "way", "well", "were",
        "weren", "what", "whats", "when", "where", "which", "while", "who", "whom", "whose", "why", "will", "with",
        "won", "would", "yet", "you", "your", "yours", "yourself", "youre", "theyre", "im", "ive", "dont",
        "cant", "wont", "isnt", "didnt", "doesnt", "year", "years", "time", "first", "last", "know", "back", "three",
        "people", "things", "thing", "going", "want", "come", "look", "need", "use", "used", "week", "day",
    };
}
