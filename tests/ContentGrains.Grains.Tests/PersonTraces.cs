using Microsoft.Data.Sqlite;
using Npgsql;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// Where a text (a person's id) appears in a store: every text and binary column of every table is searched, so a
/// trace left in a table nobody thought of is found too. Answers "table.column" per column that holds it.
/// </summary>
public static class PersonTraces
{
    public static async Task<IReadOnlyList<string>> InSqliteAsync(string connectionString, string text)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var hits = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var c = 0; c < reader.FieldCount; c++)
                    if (Mentions(reader.GetValue(c), text)) hits.Add($"{table}.{reader.GetName(c)}");
        }
        return hits.ToList();
    }

    public static async Task<IReadOnlyList<string>> InPostgresAsync(string connectionString, string text)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column, bool Binary)>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' " +
            "AND data_type IN ('text', 'character varying', 'character', 'bytea', 'json', 'jsonb')", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2) == "bytea"));
        var hits = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (table, column, binary) in columns)
        {
            var match = binary ? $"position(convert_to(@text, 'UTF8') in \"{column}\") > 0" : $"position(@text in \"{column}\"::text) > 0";
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE {match}", connection);
            count.Parameters.AddWithValue("text", text);
            if ((long)(await count.ExecuteScalarAsync())! > 0) hits.Add($"{table}.{column}");
        }
        return hits.ToList();
    }

    private static bool Mentions(object value, string text) => value switch
    {
        string s => s.Contains(text, StringComparison.Ordinal),
        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes).Contains(text, StringComparison.Ordinal),
        _ => false,
    };
}
