namespace ContentGrains.Silo.Hosting;

/// <summary>One line at start-up that says what this silo is using, so an operator reading the log need not guess.</summary>
public static class StartupBanner
{
    public static void Log(WebApplication app, ContentGrainsHostOptions options)
    {
        var store = options.IsPostgres ? $"postgres ({PostgresTarget(options.PostgresConnection)})" : $"sqlite ({Path.GetFullPath(options.DataDir)})";
        app.Logger.LogInformation(
            "ContentGrains silo {SiloName} ready: store {Store}, HTTP {Urls}, silo port {SiloPort}, gateway port {GatewayPort}, role {Role}",
            options.SiloName ?? Environment.MachineName, store, string.Join(" ", app.Urls), options.SiloPort, options.GatewayPort, options.Role);
    }

    /// <summary>Host, port and database of the connection string: never its password.</summary>
    private static string PostgresTarget(string? connection)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        return $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
    }
}
