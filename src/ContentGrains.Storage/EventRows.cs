using System.Data.Common;
using ContentGrains.Core.Events;

namespace ContentGrains.Storage;

/// <summary>The column list shared by both logs, and reading a row back into an event.</summary>
internal static class EventRows
{
    public const string Columns = "seq, event_id, user_id, item_id, type, ts_ms, channel, dwell_seconds, value, text, variant";

    public static async Task<IReadOnlyList<LoggedInteraction>> ReadAllAsync(DbCommand command, CancellationToken cancellation)
    {
        var result = new List<LoggedInteraction>();
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
            result.Add(new LoggedInteraction(reader.GetInt64(0), new Interaction(
                EventId: reader.GetString(1),
                UserId: reader.GetString(2),
                ItemId: reader.GetString(3),
                Type: (EventType)reader.GetInt16(4),
                Timestamp: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                Channel: reader.GetString(6),
                DwellSeconds: reader.GetDouble(7),
                Value: reader.IsDBNull(8) ? null : reader.GetDouble(8),
                Text: reader.IsDBNull(9) ? null : reader.GetString(9),
                Variant: reader.IsDBNull(10) ? null : reader.GetString(10))));
        return result;
    }
}
