using ContentGrains.Inference.Vectors;
using ContentGrains.Silo.Hosting;
using Microsoft.Extensions.Configuration;

namespace ContentGrains.Grains.Tests;

/// <summary>The HNSW graph's settings (ContentGrains:Engine:Vectors) reach the silo's index builder, and a bad one stops the start by name.</summary>
public sealed class VectorSettingsTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>($"{SiloSetup.VectorsSection}:{p.Key}", p.Value))).Build();

    [Fact]
    public void A_million_item_catalogs_graph_settings_are_read()
    {
        var (hnsw, _) = SiloSetup.VectorSettings(Settings(("Connectivity", "32"), ("ExpansionAdd", "128"), ("Scalar", "Float16")));

        Assert.Equal((32, 128, 64), (hnsw.Connectivity, hnsw.ExpansionAdd, hnsw.ExpansionSearch)); // search beam: the default
        Assert.Equal(Cloud.Unum.USearch.ScalarKind.Float16, hnsw.Scalar);
    }

    [Fact]
    public void Without_settings_the_defaults_hold()
    {
        var (hnsw, clustered) = SiloSetup.VectorSettings(Settings());
        Assert.Equal((16, 64, 64), (hnsw.Connectivity, hnsw.ExpansionAdd, hnsw.ExpansionSearch));
        Assert.Equal((true, int.MaxValue, 0.05, 0.25, 10_000), (clustered.Enabled, clustered.BelowItems, clustered.ProbeShare, clustered.MaxReadShare, clustered.MaxRowsRead));
    }

    [Fact]
    public void A_setting_out_of_range_is_refused_naming_the_key_and_value()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SiloSetup.VectorSettings(Settings(("Connectivity", "1"))));
        Assert.Equal("ContentGrains:Engine:Vectors:Connectivity is 1: connectivity must be at least 2", error.Message);
    }

    [Fact]
    public void The_clustered_index_can_be_turned_off_and_its_shares_set()
    {
        var (_, clustered) = SiloSetup.VectorSettings(Settings(("Clustered:Enabled", "false"), ("Clustered:ProbeShare", "0.1"), ("Clustered:MaxReadShare", "0.5"),
            ("Clustered:MaxRowsRead", "20000")));
        Assert.Equal((false, 0.1, 0.5, 20_000), (clustered.Enabled, clustered.ProbeShare, clustered.MaxReadShare, clustered.MaxRowsRead));
        Assert.True(KnownSettings.IsKnown($"{SiloSetup.ClusteredSection}:ProbeShare"));
    }

    [Fact]
    public void A_clustered_share_out_of_range_is_refused_naming_the_key_and_value()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SiloSetup.VectorSettings(Settings(("Clustered:MaxReadShare", "0.01"))));
        Assert.Equal("ContentGrains:Engine:Vectors:Clustered:MaxReadShare is 0.01: maxReadShare must be between probeShare and 1", error.Message);
        error = Assert.Throws<InvalidOperationException>(() => SiloSetup.VectorSettings(Settings(("Clustered:MaxRowsRead", "0"))));
        Assert.Equal("ContentGrains:Engine:Vectors:Clustered:MaxRowsRead is 0: maxRowsRead must be positive", error.Message);
    }
}
