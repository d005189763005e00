namespace ContentGrains.Core.Sentiment;

/// <summary>A sentence and whether it is positive.</summary>
public sealed record LabelledSentence(string Text, bool Positive)
{
    /// <summary>
    /// Every <c>*_labelled.txt</c> file of a folder in the UCI "Sentiment Labelled Sentences" layout: one
    /// <c>sentence \t label</c> per line, label 1 positive or 0 negative. A bad line throws, naming file and line.
    /// </summary>
    public static List<LabelledSentence> ReadFolder(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"--data: folder '{folder}' does not exist");
        var files = Directory.GetFiles(folder, "*_labelled.txt").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0) throw new FileNotFoundException($"--data: folder '{folder}' has no *_labelled.txt file");
        var sentences = new List<LabelledSentence>();
        foreach (var file in files)
        {
            var line = 0;
            foreach (var text in File.ReadLines(file))
            {
                line++;
                if (text.Trim().Length == 0) continue;
                var tab = text.LastIndexOf('\t');
                var label = tab < 0 ? "" : text[(tab + 1)..].Trim();
                if (label is not ("0" or "1"))
                    throw new FormatException($"{Path.GetFileName(file)} line {line}: label must be 0 or 1 after a tab, got '{label}'");
                sentences.Add(new LabelledSentence(text[..tab].Trim(), label == "1"));
            }
        }
        return sentences;
    }
}
