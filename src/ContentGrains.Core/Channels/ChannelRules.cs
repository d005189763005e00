namespace ContentGrains.Core.Channels;

/// <summary>
/// One channel's sending rules. Caps count this channel's sends per calendar day and per week (Monday to Sunday) in the
/// person's own time zone; <see cref="AllChannelsPerDay"/> caps the person's sends on every channel together, so one
/// channel cannot plan a person whom the others have already reached enough today. The minimum gap holds between any
/// two sends to a person on any channel. Quiet hours are local hours [start, end), wrapping midnight when start &gt; end.
/// Fatigue: each "see less" (a dislike on this channel within <see cref="FatigueMemory"/>) and each run of
/// <see cref="IgnoredSendsForFatigue"/> ignored sends in a row (no open or click within <see cref="OpenWindow"/>)
/// multiplies the person's caps by <see cref="FatigueFactor"/>, rounding down.
/// </summary>
public sealed record ChannelRules
{
    /// <summary>Item formats this channel carries (e.g. "article", "video"); empty: any format.</summary>
    public IReadOnlyList<string> Formats { get; init; } = [];
    public int CapPerDay { get; init; } = 1;
    public int CapPerWeek { get; init; } = 5;
    /// <summary>Sends on all channels together per local day; null: no shared cap.</summary>
    public int? AllChannelsPerDay { get; init; }
    public TimeSpan MinGap { get; init; } = TimeSpan.FromHours(4);
    public int QuietStartHour { get; init; } = 22;
    public int QuietEndHour { get; init; } = 8;
    /// <summary>What one send costs, in any unit shared by the channels (the planner maximises expected clicks per cost).</summary>
    public double CostPerSend { get; init; } = 1;
    public double FatigueFactor { get; init; } = 0.5;
    public int IgnoredSendsForFatigue { get; init; } = 3;
    public TimeSpan OpenWindow { get; init; } = TimeSpan.FromHours(48);
    public TimeSpan FatigueMemory { get; init; } = TimeSpan.FromDays(30);

    public const int MaxCap = 1_000;

    /// <summary>Every problem with these rules, each naming its field; empty when valid.</summary>
    public IReadOnlyList<(string Field, string Reason)> Problems()
    {
        var problems = new List<(string, string)>();
        void Check(bool bad, string field, string reason) { if (bad) problems.Add((field, reason)); }
        Check(CapPerDay is < 0 or > MaxCap, "capPerDay", $"must be between 0 and {MaxCap}");
        Check(CapPerWeek is < 0 or > MaxCap, "capPerWeek", $"must be between 0 and {MaxCap}");
        Check(AllChannelsPerDay is < 0 or > MaxCap, "allChannelsPerDay", $"must be between 0 and {MaxCap} when given");
        Check(MinGap < TimeSpan.Zero || MinGap > TimeSpan.FromDays(7), "minGap", "must be between 0 and 7 days");
        Check(QuietStartHour is < 0 or > 23, "quietStartHour", "must be an hour between 0 and 23");
        Check(QuietEndHour is < 0 or > 23, "quietEndHour", "must be an hour between 0 and 23");
        Check(!(CostPerSend > 0) || double.IsInfinity(CostPerSend), "costPerSend", "must be a positive number");
        Check(FatigueFactor is < 0 or > 1 || double.IsNaN(FatigueFactor), "fatigueFactor", "must be between 0 and 1");
        Check(IgnoredSendsForFatigue < 1, "ignoredSendsForFatigue", "must be at least 1");
        Check(OpenWindow <= TimeSpan.Zero || OpenWindow > TimeSpan.FromDays(30), "openWindow", "must be between 0 (excluded) and 30 days");
        Check(FatigueMemory <= TimeSpan.Zero || FatigueMemory > TimeSpan.FromDays(365), "fatigueMemory", "must be between 0 (excluded) and 365 days");
        Check(Formats.Any(f => string.IsNullOrWhiteSpace(f)), "formats", "must not hold an empty format");
        return problems;
    }

    /// <summary>True when a local hour (0–23) is inside the quiet hours.</summary>
    public bool IsQuietHour(int localHour) =>
        QuietStartHour == QuietEndHour ? false
        : QuietStartHour < QuietEndHour ? localHour >= QuietStartHour && localHour < QuietEndHour
        : localHour >= QuietStartHour || localHour < QuietEndHour;

    public bool Accepts(string? format) =>
        Formats.Count == 0 || (format is not null && Formats.Contains(format, StringComparer.OrdinalIgnoreCase));
}
