namespace ContentGrains.Core.Sentiment;

/// <summary>
/// Which terms a <see cref="TfIdfVocabulary"/> hashes. The number is stored with each model, so a model is always scored
/// with the terms it was trained on: never renumber.
/// </summary>
public enum SentimentTerms
{
    /// <summary>Lower-case words and adjacent word pairs (the first models).</summary>
    WordsAndPairs = 1,
    /// <summary>
    /// Words and pairs with negation scope marked (after "not", "no", "never", a word ending in "n't"… every word up to the
    /// next clause punctuation is prefixed "not_": "not good" and "good" become different terms), plus character 3- to
    /// 5-grams of the words (misspellings and word forms share grams). Measured on the 2,000 sentiment sentences.
    /// </summary>
    NegationAndCharacters = 2,
}

/// <summary>The term lists of each <see cref="SentimentTerms"/>.</summary>
public static class SentimentTermLists
{
    private static readonly HashSet<string> Negators = new(StringComparer.Ordinal)
        { "not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "without", "hardly", "cannot" };

    public static IEnumerable<string> Of(string text, SentimentTerms terms) => terms switch
    {
        SentimentTerms.WordsAndPairs => WordsAndPairs(TfIdfVocabulary.Words(text)),
        SentimentTerms.NegationAndCharacters => WordsAndPairs(ScopedWords(text)).Concat(CharacterGrams(TfIdfVocabulary.Words(text))),
        _ => throw new ArgumentOutOfRangeException(nameof(terms), terms, "unknown term set"),
    };

    /// <summary>Each word, and each pair of adjacent words joined by a space.</summary>
    public static IEnumerable<string> WordsAndPairs(IReadOnlyList<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            yield return words[i];
            if (i + 1 < words.Count) yield return words[i] + " " + words[i + 1];
        }
    }

    /// <summary>
    /// The words of <see cref="TfIdfVocabulary.Words"/>, those inside a negation's scope prefixed "not_": the scope opens
    /// after a negator and closes at . , ! ? ; or :.
    /// </summary>
    public static List<string> ScopedWords(string text)
    {
        var words = new List<string>();
        var negated = false;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            var inWord = i < text.Length && (char.IsLetterOrDigit(c) || c == '\'');
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                var word = text[start..i].ToLowerInvariant();
                words.Add(negated ? "not_" + word : word);
                negated |= Negators.Contains(word) || word.EndsWith("n't", StringComparison.Ordinal);
                start = -1;
            }
            if (c is '.' or ',' or '!' or '?' or ';' or ':') negated = false;
        }
        return words;
    }

    /// <summary>Character 3- to 5-grams of the words joined by single spaces, with a space at each end, marked with a leading '#'.</summary>
    public static IEnumerable<string> CharacterGrams(IReadOnlyList<string> words)
    {
        var text = " " + string.Join(' ', words) + " ";
        for (var n = 3; n <= 5; n++)
            for (var i = 0; i + n <= text.Length; i++)
                yield return "#" + text.Substring(i, n);
    }
}
