namespace ContentGrains.Core.Channels;

/// <summary>
/// One item sent to one person on one channel, and when the person first opened (viewed or engaged with) and clicked it
/// on that channel. Plain data with public setters, so the user grain's snapshot can hold it as JSON.
/// </summary>
public sealed class ChannelSend
{
    public string Channel { get; set; } = "";
    public string ItemId { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public DateTimeOffset? OpenedAt { get; set; }
    public DateTimeOffset? ClickedAt { get; set; }

    public static ChannelSend Of(string channel, string itemId, DateTimeOffset at) => new() { Channel = channel, ItemId = itemId, At = at };

    /// <summary>True when the window after the send has passed, as seen at <paramref name="now"/>, without an open inside it.</summary>
    public bool IgnoredAt(DateTimeOffset now, TimeSpan openWindow) =>
        At + openWindow <= now && !(OpenedAt is { } opened && opened - At <= openWindow);
}

/// <summary>Why a send was refused; the values are the wire names.</summary>
public static class SendRefusals
{
    public const string QuietHours = "quiet-hours";
    public const string CapPerDay = "cap-per-day";
    public const string CapPerWeek = "cap-per-week";
    public const string AllChannelsPerDay = "all-channels-per-day";
    public const string MinGap = "min-gap";
    public const string Duplicate = "already-sent";
}
