namespace ContentGrains.Core.Performance;

/// <summary>
/// What is known about an item before it has traffic: its topic, format and channel (null when the source has none),
/// the hour it was first shown (UTC), its title's and text's length in words (null when unknown), its creator's record
/// so far (null when the item names no creator) and its text vector (null when it has no text).
/// </summary>
public sealed record CtrFacts(string ItemId, string? Topic, string? Format, string? Channel, int Hour, int? TitleWords, int? TextWords,
    CreatorHistory? Creator, float[]? TextVector)
{
    /// <summary>Words in a text, split on white space: the length measure both the MIND reader and the engine use.</summary>
    public static int? WordsIn(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}

/// <summary>The impressions and clicks of a creator's earlier items, counted before the item was first shown.</summary>
public readonly record struct CreatorHistory(long Impressions, long Clicks);

/// <summary>What an item's traffic turned out to be: the truth a CTR prediction is judged against.</summary>
public readonly record struct CtrOutcome(long Impressions, long Clicks)
{
    public double Ctr => Impressions == 0 ? 0 : (double)Clicks / Impressions;
}

/// <summary>One item's facts and, for training and evaluation, its outcome.</summary>
public sealed record CtrExample(CtrFacts Facts, CtrOutcome Outcome);
