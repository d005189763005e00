using ContentGrains.Core.Events;

namespace ContentGrains.Core.Profiles;

/// <summary>
/// One entry of the recent history. A struct of two shared strings, the type and the instant as UTC ticks: 32 bytes in
/// the history's array, where a record object with a <see cref="DateTimeOffset"/> took 64 (the array's reference and
/// the object). Every profile holds up to 100. Its JSON is what the record's was (ItemId, Type, Timestamp, Channel),
/// so stored snapshots read as before; the offset of a timestamp is not kept (events are UTC once validated, and an
/// instant compares equal whatever its offset).
/// </summary>
public readonly record struct HistoryEntry
{
    private readonly long utcTicks;

    public HistoryEntry(string itemId, EventType type, DateTimeOffset timestamp, string channel) =>
        (ItemId, Type, utcTicks, Channel) = (itemId, type, timestamp.UtcTicks, channel);

    public string ItemId { get; init; }
    public EventType Type { get; init; }
    public DateTimeOffset Timestamp { get => new(utcTicks, TimeSpan.Zero); init => utcTicks = value.UtcTicks; }
    public string Channel { get; init; }
}
