using ContentGrains.Core.Channels;

namespace ContentGrains.Grains;

/// <summary>Channel plans ("ContentGrains:Engine:Channels"): the bounds on a plan and how the send-time model is learned.</summary>
public sealed class ChannelsOptions
{
    /// <summary>Items a plan chooses from: the best by smoothed CTR among <see cref="CatalogCandidates"/> popular and fresh items.</summary>
    public int CandidateItems { get; set; } = 50;
    public int CatalogCandidates { get; set; } = 200;
    /// <summary>How long a channel keeps its candidate items before asking the item grains again.</summary>
    public TimeSpan CandidatesFor { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>The most persons one plan request covers (a page); the default page is this too.</summary>
    public int MaxPersonsPerPlan { get; set; } = 1_000;
    /// <summary>The send-time model is learned again from the log when older than this at a plan request.</summary>
    public TimeSpan SendTimeMaxAge { get; set; } = TimeSpan.FromHours(6);
    /// <summary>An impression counts as opened when the person engages with the item on its channel within this.</summary>
    public TimeSpan OpenWindow { get; set; } = TimeSpan.FromHours(48);
    /// <summary>Events per page when the send-time model reads the log.</summary>
    public int LogPageEvents { get; set; } = 10_000;
    public SendTimeSettings SendTime { get; set; } = new();
}
