using System.Text.Json.Nodes;
using ContentGrains.Testing;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// The GC the silo ships with (README, "The feed's CPU per request"): server GC without DATAS, whose small gen0 budgets
/// made the feed's warm passes collect 5-15 times as often. A build that loses the setting fails here, not in a load run.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void The_silo_runs_server_gc_without_dynamic_adaptation()
    {
        var config = Path.ChangeExtension(RepositoryPaths.SiloDll, ".runtimeconfig.json");
        var properties = JsonNode.Parse(File.ReadAllText(config))!["runtimeOptions"]!["configProperties"]!;

        Assert.True(properties["System.GC.Server"]!.GetValue<bool>());
        Assert.Equal(0, properties["System.GC.DynamicAdaptationMode"]!.GetValue<int>());
    }
}
