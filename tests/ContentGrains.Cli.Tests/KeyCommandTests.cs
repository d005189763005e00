using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ContentGrains.Cli.Tests;

public sealed class KeyCommandTests
{
    [Fact]
    public void Prints_a_fresh_key_once_and_the_entry_holding_its_sha256()
    {
        var (output, errors) = (new StringWriter(), new StringWriter());

        Assert.Equal(0, KeyCommand.Run(["new", "--name", "ops", "--scopes", "read,ingest"], output, errors));

        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries);
        var key = lines[0][(lines[0].LastIndexOf(' ') + 1)..];
        Assert.Equal(43, key.Length); // 32 random bytes, URL-safe Base64 without padding
        var entry = JsonNode.Parse(lines[2])!;
        Assert.Equal("ops", (string?)entry["Name"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), (string?)entry["Sha256"]);
        Assert.Equal(["read", "ingest"], entry["Scopes"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(1, output.ToString().Split(key).Length - 1); // the key appears once: in its own line, not in the entry

        var second = new StringWriter();
        KeyCommand.Run(["new", "--name", "ops", "--scopes", "read"], second, errors);
        Assert.DoesNotContain(key, second.ToString()); // every run draws a new key
    }

    [Fact]
    public void An_unknown_scope_is_refused_naming_it()
    {
        var errors = new StringWriter();

        Assert.Equal(2, KeyCommand.Run(["new", "--name", "ops", "--scopes", "read,write"], new StringWriter(), errors));
        Assert.Contains("--scopes: unknown scope 'write'", errors.ToString());
    }

    [Fact]
    public void A_tenant_key_carries_its_tenant_in_the_entry_and_a_malformed_tenant_is_refused()
    {
        var output = new StringWriter();
        Assert.Equal(0, KeyCommand.Run(["new", "--name", "acme-web", "--scopes", "read", "--tenant", "acme"], output, new StringWriter()));
        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries);
        Assert.Equal("acme", (string?)JsonNode.Parse(lines[2])!["Tenant"]);
        Assert.Contains("ContentGrains__ApiKeys__N__Tenant=acme", lines);

        var plain = new StringWriter();
        KeyCommand.Run(["new", "--name", "ops", "--scopes", "read"], plain, new StringWriter());
        Assert.Null(JsonNode.Parse(plain.ToString().Split('\n')[2])!["Tenant"]); // no tenant: the default tenant

        var errors = new StringWriter();
        Assert.Equal(2, KeyCommand.Run(["new", "--name", "ops", "--scopes", "read", "--tenant", "Acme"], new StringWriter(), errors));
        Assert.Contains("--tenant 'Acme' contains 'A'", errors.ToString());
    }
}
