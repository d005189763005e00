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
        ["--silo-name"] = "ContentGrains:SiloName",
        ["--silo-port"] = "ContentGrains:SiloPort",
        ["--gateway-port"] = "ContentGrains:GatewayPort",
        ["--advertised-ip"] = "ContentGrains:AdvertisedIp",
        ["--role"] = "ContentGrains:Role",
        ["--profile"] = "Profile",
    };

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
