using System.Data.Common;
using ContentGrains.Core.Events;
using ContentGrains.Core.Log;
using ContentGrains.Core.Privacy;

namespace ContentGrains.Storage;

/// <summary>
/// A person's consent and log tail as one command of two statements, the same on SQLite and PostgreSQL: what an
/// activating user grain reads (<see cref="IEventLog.ReadUserActivationAsync"/>). It was two reads, each on a connection
/// of its own; a person first seen is an activation, so an import of new people paid both per person. On PostgreSQL the
/// two statements go in one round trip.
/// <para>
/// Two statements rather than one join: a join of the one consent row with the events (one statement, measured here)
/// cost SQLite more than both statements together, since its plan added a co-routine and a sort for the ORDER BY
/// that the (user_id, seq) index already gives.
/// </para>
/// </summary>
internal static class UserActivationRows
{
    public const string Sql =
        "SELECT personalisation, tracking, updated_ms FROM cg_consent WHERE user_id = @key; " +
        "SELECT " + EventRows.Columns + " FROM cg_events WHERE user_id = @key AND seq > @after ORDER BY seq";

    /// <summary>Runs the bound <see cref="Sql"/> (parameters @key: the person, @after: the sequence to read after).</summary>
    public static async Task<UserActivationRead> ReadAsync(DbCommand command, CancellationToken cancellation)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        var consent = await reader.ReadAsync(cancellation).ConfigureAwait(false) ? SqlPrivacyStore.ReadConsent(reader, 0) : null;
        if (!await reader.NextResultAsync(cancellation).ConfigureAwait(false)) throw new InvalidOperationException("the activation read answered no event result");
        var events = new List<LoggedInteraction>();
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false)) events.Add(EventRows.Read(reader));
        return new UserActivationRead(events, ConsentRead: true, consent);
    }
}
