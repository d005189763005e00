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
        var hnsw = SiloSetup.VectorSettings(Settings(("Connectivity", "32"), ("ExpansionAdd", "128"), ("Scalar", "Float16")));

        Assert.Equal((32, 128, 64), (hnsw.Connectivity, hnsw.ExpansionAdd, hnsw.ExpansionSearch)); // search beam: the default
        Assert.Equal(Cloud.Unum.USearch.ScalarKind.Float16, hnsw.Scalar);
    }

    [Fact]
    public void Without_settings_the_defaults_hold()
    {
        var hnsw = SiloSetup.VectorSettings(Settings());
        Assert.Equal((16, 64, 64), (hnsw.Connectivity, hnsw.ExpansionAdd, hnsw.ExpansionSearch));
    }

    [Fact]
    public void A_setting_out_of_range_is_refused_naming_the_key_and_value()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SiloSetup.VectorSettings(Settings(("Connectivity", "1"))));
        Assert.Equal("ContentGrains:Engine:Vectors:Connectivity is 1: connectivity must be at least 2", error.Message);
    }
}
