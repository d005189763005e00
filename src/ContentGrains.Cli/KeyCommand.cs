using System.Text.Json;
using ContentGrains.Core.Security;

namespace ContentGrains.Cli;

/// <summary>
/// `contentgrains key new --name NAME --scopes read,ingest [--tenant TENANT]`: makes a random API key and prints it once, with the
/// configuration entry to paste into ContentGrains:ApiKeys (the entry holds the key's SHA-256, never the key) and the
/// same entry as environment variables. With --tenant the key reaches that tenant's data only (README, "Tenants"). Exit codes: 0 printed, 2 usage error.
/// </summary>
public static class KeyCommand
{
    private const string Usage = "usage: contentgrains key new --name NAME --scopes ingest,read,admin [--tenant TENANT]";
    private static readonly JsonSerializerOptions EntryJson = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        try
        {
            var (name, scopes, tenant) = Parse(args);
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
            errors.WriteLine(Usage);
            return 2;
        }
    }

    private static (string Name, string[] Scopes, string? Tenant) Parse(IReadOnlyList<string> args)
    {
        if (args is not ["new", ..]) throw new ArgumentException("the only subcommand is 'new'");
        string? name = null, scopes = null, tenant = null;
        for (var i = 1; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--name" when i + 1 < args.Count: name = args[++i]; break;
                case "--scopes" when i + 1 < args.Count: scopes = args[++i]; break;
                case "--tenant" when i + 1 < args.Count: tenant = args[++i]; break;
                default: throw new ArgumentException($"unknown or incomplete option '{args[i]}'");
            }
        }
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("--name is required (it names the key in logs and errors)");
        var list = (scopes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (list.Length == 0) throw new ArgumentException($"--scopes is required: one or more of {string.Join(",", ApiScope.All)}");
        if (list.FirstOrDefault(s => !ApiScope.All.Contains(s)) is { } unknown)
            throw new ArgumentException($"--scopes: unknown scope '{unknown}'; scopes are {string.Join(",", ApiScope.All)}");
        if (tenant is not null && Core.Tenants.TenantKeys.CheckName(tenant) is { } reason) throw new ArgumentException($"--tenant '{tenant}' {reason}");
        return (name, list.Distinct().ToArray(), tenant);
    }
}
