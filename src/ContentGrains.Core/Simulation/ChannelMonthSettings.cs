namespace ContentGrains.Core.Simulation;

/// <summary>The knobs of <see cref="ChannelMonth"/>: an audience, its channels, a learning period and a planned month.</summary>
public sealed record ChannelMonthSettings
{
    public long Seed { get; init; } = 7;
    public int People { get; init; } = 10_000;
    /// <summary>Days of history at random hours the send-time model learns from before planning starts.</summary>
    public int LearnDays { get; init; } = 14;
    public int PlanDays { get; init; } = 30;
    public int Items { get; init; } = 40;
    /// <summary>Segments people are dealt into at random (the planner spreads items over them).</summary>
    public int Segments { get; init; } = 5;
    public int PageSize { get; init; } = 1_000;
    /// <summary>The baselines: every planned send moved to this hour (UTC) of its day, or to this hour of the person's local day.</summary>
    public int FixedUtcHour { get; init; } = 12;
    /// <summary>Chance that a send gets a "see less" (a dislike on the channel).</summary>
    public double SeeLessRate { get; init; } = 0.01;
    public IReadOnlyList<string> TimeZones { get; init; } =
        ["UTC", "Europe/Paris", "America/New_York", "America/Los_Angeles", "Asia/Tokyo", "Asia/Kolkata", "Australia/Sydney", "America/Sao_Paulo"];
    /// <summary>The world whose planted best hours per channel drive opens; its channels are the ones planned.</summary>
    public WorldSettings World { get; init; } = new();

    public string? Problem() =>
        People < 1 ? "people must be at least 1"
        : LearnDays < 1 ? "learnDays must be at least 1"
        : PlanDays < 1 ? "planDays must be at least 1"
        : Items < 1 ? "items must be at least 1"
        : Segments < 1 ? "segments must be at least 1"
        : PageSize < 1 ? "pageSize must be at least 1"
        : FixedUtcHour is < 0 or > 23 ? "fixedUtcHour must be between 0 and 23"
        : SeeLessRate is < 0 or > 1 ? "seeLessRate must be in [0, 1]"
        : TimeZones.Count == 0 ? "timeZones must not be empty"
        : World.ChannelBestHours.Count == 0 ? "world.channelBestHours must name at least one channel"
        : World.Problem();
}
