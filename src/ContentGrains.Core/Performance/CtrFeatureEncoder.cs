namespace ContentGrains.Core.Performance;

/// <summary>
/// Turns <see cref="CtrFacts"/> into a row of numbers for a tree model. Topic, format and channel become one-hot
/// columns over the values seen in training (a value seen too rarely, or never, gets all zeros); the creator's record
/// becomes its CTR so far, smoothed toward the training mean by <see cref="CreatorPriorImpressions"/> impressions, and
/// how much of it there is; unknown lengths, creators and text become NaN, which the trees route on their own.
/// </summary>
public sealed class CtrFeatureEncoder
{
    public const string TextPrefix = "text_";

    /// <summary>The weight of the training mean in a creator's smoothed CTR: the engine's own smoothed-CTR prior weight.</summary>
    public const double CreatorPriorImpressions = 20;

    public CtrFeatureEncoder(IReadOnlyList<string> topics, IReadOnlyList<string> formats, IReadOnlyList<string> channels, int textDimensions, double meanCtr)
    {
        if (textDimensions < 0) throw new ArgumentOutOfRangeException(nameof(textDimensions), textDimensions, "textDimensions must be 0 or more");
        if (meanCtr is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(meanCtr), meanCtr, "meanCtr must be a rate in [0, 1]");
        Topics = topics;
        Formats = formats;
        Channels = channels;
        TextDimensions = textDimensions;
        MeanCtr = meanCtr;
        Names = [.. topics.Select(t => "topic=" + t), .. formats.Select(f => "format=" + f), .. channels.Select(c => "channel=" + c),
            "hour", "title words", "text words", "creator ctr so far", "creator impressions so far (log)",
            .. Enumerable.Range(0, textDimensions).Select(d => TextPrefix + d)];
    }

    public IReadOnlyList<string> Topics { get; }
    public IReadOnlyList<string> Formats { get; }
    public IReadOnlyList<string> Channels { get; }
    public int TextDimensions { get; }

    /// <summary>The impression-weighted CTR of the training items.</summary>
    public double MeanCtr { get; }

    public IReadOnlyList<string> Names { get; }

    /// <summary>
    /// Learns the vocabularies (values on at least <paramref name="minItems"/> training items) and the mean CTR from
    /// <paramref name="training"/>; <paramref name="useText"/> false leaves the text vector out.
    /// </summary>
    public static CtrFeatureEncoder Fit(IReadOnlyList<CtrExample> training, bool useText, int minItems = 5)
    {
        if (training.Count == 0) throw new ArgumentException("training has no items", nameof(training));
        var impressions = training.Sum(e => e.Outcome.Impressions);
        if (impressions == 0) throw new ArgumentException("training items have no impressions", nameof(training));
        var dimensions = useText ? training.Select(e => e.Facts.TextVector?.Length ?? 0).Max() : 0;
        return new CtrFeatureEncoder(Frequent(training, f => f.Topic, minItems), Frequent(training, f => f.Format, minItems),
            Frequent(training, f => f.Channel, minItems), dimensions, (double)training.Sum(e => e.Outcome.Clicks) / impressions);
    }

    public float[] Encode(CtrFacts facts)
    {
        var row = new float[Names.Count];
        var at = OneHot(row, 0, Topics, facts.Topic);
        at = OneHot(row, at, Formats, facts.Format);
        at = OneHot(row, at, Channels, facts.Channel);
        row[at++] = facts.Hour;
        row[at++] = facts.TitleWords ?? float.NaN;
        row[at++] = facts.TextWords ?? float.NaN;
        row[at++] = facts.Creator is { } c ? (float)CreatorCtr(c) : float.NaN;
        row[at++] = facts.Creator is { } h ? (float)Math.Log(1 + h.Impressions) : float.NaN;
        for (var d = 0; d < TextDimensions; d++)
            row[at + d] = facts.TextVector is { } v && v.Length == TextDimensions ? v[d] : float.NaN;
        return row;
    }

    /// <summary>(clicks + m·w) / (impressions + w): the creator's CTR so far, the training mean m when it has none.</summary>
    public double CreatorCtr(CreatorHistory history) =>
        (history.Clicks + MeanCtr * CreatorPriorImpressions) / (Math.Max(history.Impressions, history.Clicks) + CreatorPriorImpressions);

    private static int OneHot(float[] row, int at, IReadOnlyList<string> vocabulary, string? value)
    {
        for (var i = 0; i < vocabulary.Count; i++) row[at + i] = vocabulary[i] == value ? 1 : 0;
        return at + vocabulary.Count;
    }

    private static List<string> Frequent(IReadOnlyList<CtrExample> training, Func<CtrFacts, string?> value, int minItems) =>
        training.Select(e => value(e.Facts)).OfType<string>().GroupBy(v => v, StringComparer.Ordinal)
            .Where(g => g.Count() >= minItems).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
}
