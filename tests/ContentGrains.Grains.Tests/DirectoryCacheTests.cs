using ContentGrains.Testing;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace ContentGrains.Grains.Tests;

/// <summary>The engine's directory cache size reaches Orleans' directory options (the LRU of remote grain addresses).</summary>
public sealed class DirectoryCacheTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task The_silos_directory_cache_holds_the_configured_number_of_addresses()
    {
        await using var engine = await EngineCluster.StartAsync(folder, configure: o => o.DirectoryCacheSize = 12_345);
        Assert.Equal(12_345, engine.SiloService<IOptions<GrainDirectoryOptions>>(0).Value.CacheSize);
        Assert.Equal(1_000_000, new EngineOptions().DirectoryCacheSize); // Orleans' own default unless told
    }
}
