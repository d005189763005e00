namespace ContentGrains.Grains;

/// <summary>A text to score: the item it is about, the item's tags (for the tag series), when it was written, and the text.</summary>
public sealed record CommentText(string ItemId, IReadOnlyList<string> Tags, DateTimeOffset At, string Text);

/// <summary>One scored comment on its way to a series grain: its time and P(positive).</summary>
[GenerateSerializer, Immutable, Alias("cg.ScoredCommentMessage")]
public sealed record ScoredCommentMessage([property: Id(0)] DateTimeOffset At, [property: Id(1)] double PPositive);

/// <summary>Adds scored comments to a series (the same activation as <see cref="Abstractions.ISentimentSeriesGrain"/>).</summary>
public interface ISentimentSeriesUpdateGrain : IGrainWithStringKey
{
    Task AddAsync([Immutable] IReadOnlyList<ScoredCommentMessage> comments);
}

/// <summary>Records new alerts (the same activation as <see cref="Abstractions.ISentimentAlertsGrain"/>): logs, keeps and sends them.</summary>
public interface ISentimentAlertsRaiseGrain : IGrainWithStringKey
{
    Task RaiseAsync([Immutable] IReadOnlyList<Abstractions.SentimentAlertView> alerts);
}

/// <summary>A series' snapshot: its windows (oldest first) and the window starts already alerted. Stored by name: keep it.</summary>
public sealed class SentimentSeriesState
{
    public List<Core.Sentiment.SentimentWindow> Windows { get; set; } = [];
    public List<DateTimeOffset> Alerted { get; set; } = [];
}

/// <summary>The alert log's snapshot, newest first. Stored by name: keep it.</summary>
public sealed class SentimentAlertsState
{
    public List<Abstractions.SentimentAlertView> Alerts { get; set; } = [];
}
