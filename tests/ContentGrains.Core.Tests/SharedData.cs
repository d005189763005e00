namespace ContentGrains.Core.Tests;

/// <summary>
/// The real data beside the repository (<c>../shared/data</c>), which a fresh checkout may lack: tests that use it
/// return early when it is absent.
/// </summary>
public static class SharedData
{
    /// <summary>RecBole's given split of ml-100k (<c>shared/data/ml-100k-split</c>, found above the test binaries), or null.</summary>
    public static string? Ml100kSplit { get; } = Find("ml-100k-split", "ml-100k.train.inter");

    private static string? Find(string folder, string marker)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", folder);
            if (File.Exists(Path.Combine(candidate, marker)))
                return candidate;
        }
        return null;
    }
}
