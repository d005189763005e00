using System.Data.Common;
using ContentGrains.Core.Events;
using ContentGrains.Core.Log;
using ContentGrains.Core.Privacy;

namespace ContentGrains.Storage;

/// <summary>
/// A person's consent and log tail in one statement, the same on SQLite and PostgreSQL: what an activating user grain
/// reads (<see cref="IEventLog.ReadUserActivationAsync"/>). It was two reads, each on a connection of its own; a
/// person first seen is an activation, so an import of new people paid both per person.
/// <para>
/// One row always comes back (the one-row <c>person</c> table): its consent columns are null when no consent is
/// stored, and its event columns are null when there is no event after <c>@after</c>; otherwise one row per event,
/// each carrying the same consent.
/// </para>
/// </summary>
internal static class UserActivationRows
{
    private const int FirstEventColumn = 3;

    public static readonly string Sql =
        "SELECT c.personalisation, c.tracking, c.updated_ms, " + string.Join(", ", EventRows.Columns.Split(", ").Select(column => "e." + column)) +
        " FROM (SELECT 1 AS one) AS person" +
        " LEFT JOIN cg_consent AS c ON c.user_id = @key" +
        " LEFT JOIN cg_events AS e ON e.user_id = @key AND e.seq > @after" +
        " ORDER BY e.seq";

    /// <summary>Runs the bound <see cref="Sql"/> (parameters @key: the person, @after: the sequence to read after).</summary>
    public static async Task<UserActivationRead> ReadAsync(DbCommand command, CancellationToken cancellation)
    {
        Consent? consent = null;
        var events = new List<LoggedInteraction>();
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
        {
            if (consent is null && !reader.IsDBNull(0)) consent = SqlPrivacyStore.ReadConsent(reader, 0);
            if (!reader.IsDBNull(FirstEventColumn)) events.Add(EventRows.Read(reader, FirstEventColumn));
        }
        return new UserActivationRead(events, ConsentRead: true, consent);
    }
}
