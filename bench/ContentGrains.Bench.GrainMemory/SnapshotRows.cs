using Microsoft.Data.Sqlite;

namespace ContentGrains.Bench.GrainMemory;

/// <summary>The user grains' snapshot rows in the embedded store: how many are written, and their mean size.</summary>
public static class SnapshotRows
{
    public static (long Rows, double MeanBytes) Users(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COALESCE(AVG(LENGTH(payload)), 0) FROM cg_snapshots WHERE grain_id LIKE 'user/%'";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetDouble(1));
    }
}
