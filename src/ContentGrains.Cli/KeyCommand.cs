using System.CommandLine;
using System.Text.Json;
using ContentGrains.Cli.CommandLine;
using ContentGrains.Core.Security;

namespace ContentGrains.Cli;

/// <summary>
/// `contentgrains key new --name NAME --scopes read,ingest [--tenant TENANT]`: makes a random API key and prints it once, with the
/// configuration entry to paste into ContentGrains:ApiKeys (the entry holds the key's SHA-256, never the key) and the
/// same entry as environment variables. With --tenant the key reaches that tenant's data only (README, "Tenants"). Exit codes: 0 printed, 2 usage error.
/// </summary>
public static class KeyCommand
{
    private static readonly JsonSerializerOptions EntryJson = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static Command Create(CliIo io) => CommandTree.Group("key", "API keys for the engine.",
    [
        CommandTree.Leaf("new", "Makes a random API key and prints it once, with its ContentGrains:ApiKeys configuration entry (the key's SHA-256, never the key). Exit codes: 0 printed, 2 usage error.",
            [
                CommandTree.Value("name", "NAME", "Names the key in logs and errors. Required."),
                CommandTree.Value("scopes", string.Join(',', ApiScope.All), "What the key may do, one or more scopes. Required."),
                CommandTree.Value("tenant", "TENANT", "The tenant whose data the key reaches (lower-case letters, digits and '-', 1-32); without it, the default tenant."),
            ],
            values => Run(values, io.Output, io.Errors)),
    ], io);

    /// <summary>Runs `key` with the words after its name.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors) => CommandTree.Run(Create(new CliIo(output, errors)), args, new CliIo(output, errors));

    private static int Run(OptionValues values, TextWriter output, TextWriter errors)
    {
        try
        {
            var (name, scopes, tenant) = Parse(values);
            var key = ApiKeyHash.NewKey();
            var entry = new { Name = name, Sha256 = ApiKeyHash.Hex(key), Scopes = scopes, Tenant = tenant };
            output.WriteLine($"key (shown once; give it to the client, it is not stored anywhere): {key}");
            output.WriteLine("entry for ContentGrains:ApiKeys in the configuration:");
            output.WriteLine(JsonSerializer.Serialize(entry, EntryJson));
            output.WriteLine("or as environment variables (replace N with the entry's index):");
            output.WriteLine($"ContentGrains__ApiKeys__N__Name={name}");
            output.WriteLine($"ContentGrains__ApiKeys__N__Sha256={entry.Sha256}");
            for (var i = 0; i < scopes.Length; i++) output.WriteLine($"ContentGrains__ApiKeys__N__Scopes__{i}={scopes[i]}");
            if (tenant is not null) output.WriteLine($"ContentGrains__ApiKeys__N__Tenant={tenant}");
            return 0;
        }
        catch (ArgumentException error)
        {
            errors.WriteLine($"key: {error.Message}");
            values.WriteUsage(errors);
            return 2;
        }
    }

    private static (string Name, string[] Scopes, string? Tenant) Parse(OptionValues values)
    {
        var (name, scopes) = (values.Text("name"), values.Text("scopes"));
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("--name is required (it names the key in logs and errors)");
        var list = (scopes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (list.Length == 0) throw new ArgumentException($"--scopes is required: one or more of {string.Join(",", ApiScope.All)}");
        if (list.FirstOrDefault(s => !ApiScope.All.Contains(s)) is { } unknown)
            throw new ArgumentException($"--scopes: unknown scope '{unknown}'; scopes are {string.Join(",", ApiScope.All)}");
        var tenant = values.Text("tenant");
        if (tenant is not null && Core.Tenants.TenantKeys.CheckName(tenant) is { } reason) throw new ArgumentException($"--tenant '{tenant}' {reason}");
        return (name, list.Distinct().ToArray(), tenant);
    }
}
