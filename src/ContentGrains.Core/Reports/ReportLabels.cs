namespace ContentGrains.Core.Reports;

/// <summary>
/// Where a report finds the facts events do not carry: an item's main topic and format, a person's segment. Each lookup
/// answers null when it does not know (the cell then says <see cref="CellKey.Unknown"/>). <see cref="TopicSource"/> says
/// what "topic" means in this report: the topic model's main topic once one is wired, else the item's first tag.
/// Lookups are called for every event of a job: they must be dictionary reads, not grain calls.
/// </summary>
public sealed class ReportLabels
{
    public Func<string, string?> TopicOf { get; init; } = _ => null;
    public Func<string, string?> FormatOf { get; init; } = _ => null;
    public Func<string, string?> SegmentOf { get; init; } = _ => null;
    public string TopicSource { get; init; } = "none";

    public static ReportLabels None { get; } = new();
}
