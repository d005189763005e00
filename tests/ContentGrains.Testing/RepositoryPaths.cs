namespace ContentGrains.Testing;

public static class RepositoryPaths
{
    /// <summary>The folder that holds ContentGrains.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The silo host built in the same configuration (Debug/Release) as the running tests.</summary>
    public static string SiloDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
            var path = Path.Combine(Root, "src", "ContentGrains.Silo", "bin", configuration, "net10.0", "ContentGrains.Silo.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("build src/ContentGrains.Silo first", path);
        }
    }

    /// <summary>A folder of the shared data beside the repository (<c>../shared/data/NAME</c>), or null when this checkout has none.</summary>
    private static string? SharedData(string name)
    {
        var folder = Path.Combine(Root, "..", "shared", "data", name);
        return Directory.Exists(folder) ? Path.GetFullPath(folder) : null;
    }

    /// <summary>
    /// The shared data folder <paramref name="name"/> holding <paramref name="file"/>; throws, naming what is missing,
    /// when this checkout lacks it (a test that needs real data fails rather than passing without it).
    /// </summary>
    public static string RequireSharedData(string name, string file)
    {
        var folder = SharedData(name);
        if (folder is null || !File.Exists(Path.Combine(folder, file)))
            throw new InvalidOperationException($"this test needs the real data set ../shared/data/{name}/{file} beside the repository ({Root}); it is missing");
        return folder;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ContentGrains.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("ContentGrains.sln not found above " + AppContext.BaseDirectory);
    }
}
