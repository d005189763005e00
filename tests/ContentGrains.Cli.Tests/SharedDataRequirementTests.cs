using ContentGrains.Testing;

namespace ContentGrains.Cli.Tests;

/// <summary>A test that needs data this checkout lacks must fail, naming the data, never pass without it.</summary>
public sealed class SharedDataRequirementTests
{
    [Fact]
    public void Missing_shared_data_throws_naming_the_file()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RepositoryPaths.RequireSharedData("no-such-data-set", "x.tsv"));
        Assert.Contains("../shared/data/no-such-data-set/x.tsv", error.Message);
    }

    [Fact]
    public void Present_shared_data_is_found()
    {
        var folder = RepositoryPaths.RequireSharedData("ml-100k-split", "ml-100k.train.inter");
        Assert.True(File.Exists(Path.Combine(folder, "ml-100k.train.inter")));
    }
}
