using ContentGrains.Core.Events;

namespace ContentGrains.Core.Tests;

/// <summary>Shared test values: a fixed instant and a compact way to make interactions.</summary>
public static class Given
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    public static Interaction Event(EventType type, string itemId = "item-1", DateTimeOffset? at = null,
        double dwellSeconds = 0, string channel = "web", string userId = "user-1") =>
        new($"e-{Guid.NewGuid():N}", userId, itemId, type, at ?? T0, channel, dwellSeconds, null, null);
}
