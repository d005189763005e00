namespace ContentGrains.Core.Click.Mind;

/// <summary>One candidate of a MIND impression (<c>N123-1</c>: shown and clicked; <c>N456-0</c>: shown, not clicked).</summary>
public readonly record struct MindCandidate(string NewsId, bool Clicked);

/// <summary>
/// One line of MIND's behaviors.tsv: who saw which candidates when, and the news they had clicked before the log
/// began (<see cref="History"/>).
/// </summary>
public sealed record MindImpression(string Id, string UserId, DateTimeOffset Time, IReadOnlyList<string> History, IReadOnlyList<MindCandidate> Candidates);

/// <summary>One line of MIND's news.tsv (the columns the click model uses).</summary>
public sealed record MindNews(string Id, string Category, string Subcategory, string Title, string Abstract);
