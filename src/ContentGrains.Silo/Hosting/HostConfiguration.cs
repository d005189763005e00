namespace ContentGrains.Silo.Hosting;

/// <summary>
/// Configuration layers, lowest first: silo-config/{profile}.json, environment variables, command line.
/// The profile comes from --profile or CONTENTGRAINS_PROFILE, default "local".
/// </summary>
public static class HostConfiguration
{
    public static readonly Dictionary<string, string> SwitchMappings = new()
    {
        ["--data-dir"] = "ContentGrains:DataDir",
        ["--storage"] = "ContentGrains:Storage",
        ["--postgres"] = "ContentGrains:PostgresConnection",
        ["--postgres-max-connections"] = "ContentGrains:PostgresMaxConnections",
        ["--silo-name"] = "ContentGrains:SiloName",
        ["--silo-port"] = "ContentGrains:SiloPort",
        ["--gateway-port"] = "ContentGrains:GatewayPort",
        ["--advertised-ip"] = "ContentGrains:AdvertisedIp",
        ["--role"] = "ContentGrains:Role",
        ["--profile"] = "Profile",
    };

    /// <summary>What <c>--help</c> prints: every switch above, and where else a setting can come from.</summary>
    public const string Usage = """
        ContentGrains silo: the engine's host (HTTP API, dashboard, Orleans silo).

        Usage: ContentGrains.Silo [options]
               ContentGrains.Silo schema apply [--profile postgres] [--postgres CONNECTION]

        Options:
          --profile NAME         silo-config/NAME.json: local (default; SQLite, one silo), postgres, gpu
          --urls URLS            where the HTTP API listens (local: http://127.0.0.1:5080)
          --data-dir DIR         the embedded store's folder (default ./data)
          --storage KIND         sqlite or postgres
          --postgres CONNECTION  Npgsql connection string (postgres profile)
          --postgres-max-connections N  PostgreSQL connections this silo may open, all pools together (default 40)
          --silo-name NAME       this silo's name in the cluster
          --silo-port PORT       silo-to-silo port (default 11111)
          --gateway-port PORT    Orleans client gateway port (default 30000)
          --advertised-ip IP     the address other silos reach this one at
          --role ROLE            cpu or gpu (the trainer prefers gpu silos)
          -h, --help             this text

        Every setting may also come from the environment, ':' written as '__' (for example
        ContentGrains__PostgresConnection), or from the profile's JSON; the command line wins.
        Security: without ContentGrains:ApiKeys entries (contentgrains key new prints one) the silo
        listens on loopback only; ContentGrains:AllowOpenApi=true overrides that (not for production).
        """;

    public static void Apply(ConfigurationManager configuration, string[] args)
    {
        var commandLine = new ConfigurationBuilder().AddCommandLine(args, SwitchMappings).Build();
        var profile = commandLine["Profile"] ?? Environment.GetEnvironmentVariable("CONTENTGRAINS_PROFILE") ?? "local";
        var file = FindProfile(profile)
            ?? throw new InvalidOperationException($"no silo-config/{profile}.json in {Environment.CurrentDirectory} or {AppContext.BaseDirectory}");
        configuration.AddJsonFile(file, optional: false);
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args, SwitchMappings);
    }

    public static ContentGrainsHostOptions Options(IConfiguration configuration)
    {
        var options = configuration.GetSection(ContentGrainsHostOptions.Section).Get<ContentGrainsHostOptions>() ?? new();
        options.Validate();
        return options;
    }

    private static string? FindProfile(string profile) =>
        new[] { Environment.CurrentDirectory, AppContext.BaseDirectory }
            .Select(dir => Path.Combine(dir, "silo-config", $"{profile}.json"))
            .FirstOrDefault(File.Exists);
}
