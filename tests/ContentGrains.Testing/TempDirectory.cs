namespace ContentGrains.Testing;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "contentgrains-tests", Guid.NewGuid().ToString("N"))).FullName;

    public string SqliteConnectionString => $"Data Source={System.IO.Path.Combine(Path, "contentgrains.db")};Pooling=True";

    public void Dispose()
    {
        // CONTENTGRAINS_KEEP_TEMP=1 keeps the folders, to inspect a failed test's database.
        if (Environment.GetEnvironmentVariable("CONTENTGRAINS_KEEP_TEMP") == "1") return;
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
