using System.Data.Common;
using ContentGrains.Core.Live;
using ContentGrains.Core.Registry;

namespace ContentGrains.Storage;

/// <summary>The column lists and row reader shared by the SQLite and PostgreSQL model stores (cg_models joined with cg_model_registry).</summary>
internal static class ModelRows
{
    public const string Select =
        "SELECT m.name, m.version, m.kind, m.trained_ms, m.events_read, m.users, m.items, m.positives, m.train_seconds, length(m.artifact), " +
        "r.first_sequence, r.last_sequence, r.first_event_ms, r.last_event_ms, r.ndcg10, r.recall10, r.held_out_users, r.auc, r.log_loss, r.group_auc, " +
        "r.device, r.sha256, r.status, r.reason " +
        "FROM cg_models m LEFT JOIN cg_model_registry r ON r.name = m.name AND r.version = m.version";

    public const string Insert =
        "INSERT INTO cg_models (name, version, kind, trained_ms, events_read, users, items, positives, train_seconds, artifact) " +
        "VALUES (@name, @version, @kind, @trained, @events, @users, @items, @positives, @seconds, @artifact)";

    public const string InsertRegistry =
        "INSERT INTO cg_model_registry (name, version, first_sequence, last_sequence, first_event_ms, last_event_ms, ndcg10, recall10, held_out_users, " +
        "auc, log_loss, group_auc, device, sha256, status, reason) VALUES (@name, @version, @firstSeq, @lastSeq, @firstMs, @lastMs, @ndcg, @recall, " +
        "@heldOut, @auc, @logLoss, @groupAuc, @device, @sha, @status, @reason)";

    public static void Bind(DbCommand command, ModelVersion v, byte[] artifact)
    {
        Add(command, "@name", v.Name);
        Add(command, "@version", v.Version);
        Add(command, "@kind", v.Kind);
        Add(command, "@trained", v.TrainedAt.ToUnixTimeMilliseconds());
        Add(command, "@events", v.EventsRead);
        Add(command, "@users", v.Users);
        Add(command, "@items", v.Items);
        Add(command, "@positives", v.Positives);
        Add(command, "@seconds", v.TrainSeconds);
        Add(command, "@artifact", artifact);
    }

    public static void BindRegistry(DbCommand command, ModelVersion v, string sha256)
    {
        var metrics = v.Metrics ?? VersionMetrics.None;
        Add(command, "@name", v.Name);
        Add(command, "@version", v.Version);
        Add(command, "@firstSeq", v.Window?.FirstSequence);
        Add(command, "@lastSeq", v.Window?.LastSequence);
        Add(command, "@firstMs", v.Window?.FirstEventAt.ToUnixTimeMilliseconds());
        Add(command, "@lastMs", v.Window?.LastEventAt.ToUnixTimeMilliseconds());
        Add(command, "@ndcg", metrics.Ndcg10);
        Add(command, "@recall", metrics.Recall10);
        Add(command, "@heldOut", (long)metrics.HeldOutUsers);
        Add(command, "@auc", metrics.Auc);
        Add(command, "@logLoss", metrics.LogLoss);
        Add(command, "@groupAuc", metrics.GroupAuc);
        Add(command, "@device", v.Device);
        Add(command, "@sha", sha256);
        Add(command, "@status", v.Status);
        Add(command, "@reason", v.Reason);
    }

    public static async Task<IReadOnlyList<ModelVersion>> ReadAllAsync(DbCommand command, CancellationToken cancellation)
    {
        var versions = new List<ModelVersion>();
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false)) versions.Add(Read(reader));
        return versions;
    }

    private static ModelVersion Read(DbDataReader r)
    {
        var hasRegistry = !r.IsDBNull(20);
        long? Long(int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
        double? Double(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
        var window = Long(10) is { } first
            ? new LogWindow(first, r.GetInt64(11), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(12)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(13)))
            : null;
        var metrics = hasRegistry ? new VersionMetrics(Double(14), Double(15), (int)r.GetInt64(16), Double(17), Double(18), Double(19)) : null;
        return new ModelVersion(
            r.GetString(0), r.GetInt64(1), r.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)),
            r.GetInt64(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), r.GetDouble(8), r.GetInt64(9),
            window, metrics,
            hasRegistry ? r.GetString(20) : "cpu",
            hasRegistry ? r.GetString(21) : null,
            hasRegistry ? r.GetString(22) : VersionStatus.Accepted,
            hasRegistry && !r.IsDBNull(23) ? r.GetString(23) : null);
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
    }
}
