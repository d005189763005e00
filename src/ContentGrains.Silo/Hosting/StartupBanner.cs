namespace ContentGrains.Silo.Hosting;

/// <summary>One line at start-up that says what this silo is using, so an operator reading the log need not guess.</summary>
public static class StartupBanner
{
    public static void Log(WebApplication app, ContentGrainsHostOptions options, Security.ApiKeyRing keys)
    {
        LogAccess(app, keys);
        LogUnknownSettings(app);
        var store = options.IsPostgres ? $"postgres ({PostgresTarget(options.PostgresConnection)})" : $"sqlite ({Path.GetFullPath(options.DataDir)})";
        app.Logger.LogInformation(
            "ContentGrains silo {SiloName} ready: store {Store}, HTTP {Urls}, silo port {SiloPort}, gateway port {GatewayPort}, role {Role}",
            options.SiloName ?? Environment.MachineName, store, string.Join(" ", app.Urls), options.SiloPort, options.GatewayPort, options.Role);
    }

    /// <summary>Who may call the API: an open API beyond loopback is a warning, so it is seen.</summary>
    private static void LogAccess(WebApplication app, Security.ApiKeyRing keys)
    {
        var urls = string.Join(";", app.Urls);
        if (!keys.IsEmpty) app.Logger.LogInformation("API keys: {Count} configured; /v1 and /dashboard need a key with the route's scope", keys.Count);
        else if (Security.OpenBindPolicy.IsLoopbackOnly(urls)) app.Logger.LogInformation("API keys: none configured, so the API listens on loopback only");
        else app.Logger.LogWarning("API keys: none configured and {Override}=true: anyone who reaches {Urls} may call every route", Security.OpenBindPolicy.OverrideSetting, urls);
    }

    /// <summary>A ContentGrains key the host does not read (a typo, a removed option) would otherwise be ignored in silence.</summary>
    private static void LogUnknownSettings(WebApplication app)
    {
        foreach (var key in KnownSettings.Unknown(app.Configuration))
            app.Logger.LogWarning("Unknown setting {Key}: no option of the engine reads it (README, \"Configuration\")", key);
    }

    /// <summary>Host, port and database of the connection string: never its password.</summary>
    private static string PostgresTarget(string? connection)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        return $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
    }
}
