using ContentGrains.Core.Events;

namespace ContentGrains.Core.Simulation;

/// <summary>A generated event as the engine would log it (ids as the bulk writer writes them, channel web).</summary>
public static class BulkEventInteractions
{
    public static Interaction ToInteraction(this BulkEvent e, long seed) => new(
        $"b{seed}-{e.Sequence}", SimIds.User(e.User), SimIds.Item(e.Item),
        EventTypes.TryParse(e.Type, out var type) ? type : throw new ArgumentException($"type: '{e.Type}' is not an event type", nameof(e)),
        e.Timestamp, "web", e.DwellSeconds, null, null);
}
