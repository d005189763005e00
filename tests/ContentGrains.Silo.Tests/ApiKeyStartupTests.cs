using ContentGrains.Testing;

namespace ContentGrains.Silo.Tests;

/// <summary>Secure by default: bad key entries and a public bind without keys end in one line before anything starts.</summary>
public sealed class ApiKeyStartupTests
{
    [Fact]
    public async Task A_key_entry_with_an_empty_hash_is_refused_naming_the_entry()
    {
        var (exit, line) = await RefusedAsync("--ContentGrains:ApiKeys:0:Name=ops", "--ContentGrains:ApiKeys:0:Sha256=", "--ContentGrains:ApiKeys:0:Scopes:0=read");

        Assert.Equal(1, exit);
        Assert.Contains("ContentGrains:ApiKeys:0 (ops): Sha256 is empty", line);
    }

    [Fact]
    public async Task A_key_entry_with_a_malformed_tenant_is_refused_naming_the_entry_and_the_rule()
    {
        var (exit, line) = await RefusedAsync([.. ApiKeyArgs.Entry(0, "ops", "ops-key-0123456789", "read"), "--ContentGrains:ApiKeys:0:Tenant=Acme/EU"]);

        Assert.Equal(1, exit);
        Assert.Contains("ContentGrains:ApiKeys:0 (ops): Tenant 'Acme/EU' contains 'A'; a tenant is lower-case ASCII letters (a-z), digits and '-'", line);
    }

    [Fact]
    public async Task A_plain_string_key_from_before_scopes_is_refused_naming_the_setting()
    {
        var (exit, line) = await RefusedAsync("--ContentGrains:ApiKeys:0=old-plain-key");

        Assert.Equal(1, exit);
        Assert.Contains("ContentGrains:ApiKeys:0 is a plain key", line);
        Assert.DoesNotContain("old-plain-key", line); // the error does not echo a secret
    }

    /// <remarks>Kestrel's endpoints replace --urls, so the check reads them too: with --urls on loopback (RefusedAsync
    /// adds it), the endpoint would still listen on every interface.</remarks>
    [Theory]
    [InlineData("--urls", "--urls")]
    [InlineData("--Kestrel:Endpoints:Web:Url", "Kestrel:Endpoints:Web:Url")]
    public async Task A_public_bind_without_keys_is_refused_naming_the_setting(string argument, string setting)
    {
        var (exit, line) = await RefusedAsync(argument, $"http://0.0.0.0:{Ports.Free()}");

        Assert.Equal(1, exit);
        Assert.Contains($"cannot start: {setting} binds 0.0.0.0:", line);
        Assert.Contains("not a loopback address", line);
        Assert.Contains("ContentGrains:AllowOpenApi=true", line);
    }

    [Fact]
    public async Task The_override_starts_a_public_silo_without_keys_and_warns()
    {
        using var data = new TempDirectory();
        await using var silo = await SiloProcess.StartSqliteAsync(data.Path, "--ContentGrains:AllowOpenApi=true", "--urls", $"http://0.0.0.0:{Ports.Free()}");

        Assert.Equal(200, (int)(await silo.Http.GetAsync("/v1/trending")).StatusCode);
        Assert.Contains("warn:", silo.Output.Split('\n').Single(l => l.Contains("API keys: none configured")));
    }

    /// <summary>Runs the silo expecting a refusal; the output must be exactly one line.</summary>
    private static async Task<(int Exit, string Line)> RefusedAsync(params string[] settings)
    {
        var dataDir = Directory.CreateTempSubdirectory("cg-keys-").FullName;
        string[] args = ["--data-dir", dataDir, "--silo-port", Ports.Free().ToString(), "--gateway-port", Ports.Free().ToString(), .. settings];
        if (!settings.Contains("--urls")) args = [.. args, "--urls", $"http://127.0.0.1:{Ports.Free()}"];
        var (exit, output) = await SiloProcessCommand.RunAsync(args);
        return (exit, Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
    }
}
