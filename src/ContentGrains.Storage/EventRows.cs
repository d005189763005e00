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
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false)) result.Add(Read(reader));
        return result;
    }

    /// <summary>The event in the reader's current row, its <see cref="Columns"/> starting at column <paramref name="first"/>.</summary>
    public static LoggedInteraction Read(DbDataReader reader, int first = 0) =>
        new(reader.GetInt64(first), new Interaction(
            EventId: reader.GetString(first + 1),
            UserId: reader.GetString(first + 2),
            ItemId: reader.GetString(first + 3),
            Type: (EventType)reader.GetInt16(first + 4),
            Timestamp: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(first + 5)),
            Channel: reader.GetString(first + 6),
            DwellSeconds: reader.GetDouble(first + 7),
            Value: reader.IsDBNull(first + 8) ? null : reader.GetDouble(first + 8),
            Text: reader.IsDBNull(first + 9) ? null : reader.GetString(first + 9),
            Variant: reader.IsDBNull(first + 10) ? null : reader.GetString(first + 10)));
}
