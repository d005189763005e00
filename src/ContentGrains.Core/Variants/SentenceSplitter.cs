namespace ContentGrains.Core.Variants;

/// <summary>
/// Splits prose into sentences: at line breaks, and after '.', '!' or '?' (with closing quotes or brackets) followed by
/// white space and a capital letter, digit or opening quote. Common abbreviations ("e.g.", "Mr.", "U.S.") do not end a
/// sentence. Good enough for picking summary sentences; it is not a linguistic tokenizer.
/// </summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "inc", "ltd", "co", "no", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    };

    public static IReadOnlyList<string> Split(string? text)
    {
        var sentences = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return sentences;
        foreach (var line in text.Split('\n'))
            SplitLine(line, sentences);
        return sentences;
    }

    private static void SplitLine(string line, List<string> sentences)
    {
        var start = 0;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] is not ('.' or '!' or '?')) continue;
            var end = i + 1;
            while (end < line.Length && line[end] is '"' or '\'' or ')' or ']' or '”' or '’') end++;
            if (end < line.Length && !char.IsWhiteSpace(line[end])) continue;
            var next = end;
            while (next < line.Length && char.IsWhiteSpace(line[next])) next++;
            if (next < line.Length && !StartsSentence(line[next])) continue;
            if (line[i] == '.' && IsAbbreviation(line, start, i)) continue;
            Add(sentences, line[start..end]);
            start = next;
            i = next - 1;
        }
        Add(sentences, line[start..]);
    }

    private static bool StartsSentence(char c) => char.IsUpper(c) || char.IsDigit(c) || c is '"' or '“' or '\'' or '‘' or '(';

    /// <summary>True when the word before the period at <paramref name="dot"/> is a known abbreviation or a single letter.</summary>
    private static bool IsAbbreviation(string line, int start, int dot)
    {
        var w = dot;
        while (w > start && !char.IsWhiteSpace(line[w - 1])) w--;
        var word = line[w..dot].Trim('(', '"', '“');
        return word.Length == 1 && char.IsLetter(word[0]) || Abbreviations.Contains(word);
    }

    private static void Add(List<string> sentences, string sentence)
    {
        var trimmed = sentence.Trim();
        if (trimmed.Length > 0) sentences.Add(trimmed);
    }
}
