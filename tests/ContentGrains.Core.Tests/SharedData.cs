namespace ContentGrains.Core.Tests;

/// <summary>
/// The real data beside the repository (<c>../shared/data</c>), which a fresh checkout may lack: a test that uses it fails, naming
/// what is missing, rather than passing without it.
/// </summary>
public static class SharedData
{
    /// <summary>RecBole's given split of ml-100k (<c>shared/data/ml-100k-split</c>, found above the test binaries).</summary>
    public static string Ml100kSplit => Found ?? throw new InvalidOperationException(
        "this test needs RecBole's ml-100k split, ../shared/data/ml-100k-split/ml-100k.train.inter, beside the repository; it is missing (see ../shared/data/README.md)");

    private static readonly string? Found = Find("ml-100k-split", "ml-100k.train.inter");

    /// <summary>The whole ml-100k (<c>shared/data/ml-100k</c>: ratings with their times, and the items' genres).</summary>
    public static string Ml100k => FoundWhole ?? throw new InvalidOperationException(
        "this test needs ml-100k, ../shared/data/ml-100k/ml-100k.inter and ml-100k.item, beside the repository; it is missing (see ../shared/data/README.md)");

    private static readonly string? FoundWhole = Find("ml-100k", "ml-100k.item");

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
