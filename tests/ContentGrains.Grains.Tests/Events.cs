using ContentGrains.Abstractions;

namespace ContentGrains.Grains.Tests;

/// <summary>Shorthands for test events and items.</summary>
public static class Events
{
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static InteractionEvent E(string id, string user, string item, string type = "click", double? dwell = null, string? channel = "web") =>
        new() { EventId = id, UserId = user, ItemId = item, Type = type, Timestamp = Now.AddMinutes(-10), Channel = channel, DwellSeconds = dwell };

    public static ItemMetadata Item(string title, params string[] tags) =>
        new() { Title = title, Tags = tags, PublishedAt = Now.AddDays(-30) };
}
