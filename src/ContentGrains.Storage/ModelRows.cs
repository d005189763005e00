using System.Data.Common;
using ContentGrains.Core.Live;

namespace ContentGrains.Storage;

/// <summary>The column list and row reader shared by the SQLite and PostgreSQL model stores.</summary>
internal static class ModelRows
{
    public const string Columns = "name, version, kind, trained_ms, events_read, users, items, positives, train_seconds, length(artifact)";
    public const string Insert =
        "INSERT INTO cg_models (name, version, kind, trained_ms, events_read, users, items, positives, train_seconds, artifact) " +
        "VALUES (@name, @version, @kind, @trained, @events, @users, @items, @positives, @seconds, @artifact)";

    public static void Bind(DbCommand command, ModelVersion v, byte[] artifact)
    {
        void Add(string name, object value)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }
        Add("@name", v.Name);
        Add("@version", v.Version);
        Add("@kind", v.Kind);
        Add("@trained", v.TrainedAt.ToUnixTimeMilliseconds());
        Add("@events", v.EventsRead);
        Add("@users", v.Users);
        Add("@items", v.Items);
        Add("@positives", v.Positives);
        Add("@seconds", v.TrainSeconds);
        Add("@artifact", artifact);
    }

    public static async Task<IReadOnlyList<ModelVersion>> ReadAllAsync(DbCommand command, CancellationToken cancellation)
    {
        var versions = new List<ModelVersion>();
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
            versions.Add(new ModelVersion(
                reader.GetString(0), reader.GetInt64(1), reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                reader.GetInt64(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetDouble(8), reader.GetInt64(9)));
        return versions;
    }
}
