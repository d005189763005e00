using System.Diagnostics;

namespace ContentGrains.Testing;

/// <summary>
/// A tmpfs of a fixed size mounted on a fresh folder, to fill a store's disk on purpose. Mounting needs root (the
/// tests run as root in CI and in the dev container); elsewhere <see cref="MountAsync"/> fails, naming the reason.
/// </summary>
public sealed class SmallFilesystem : IAsyncDisposable
{
    public string Path { get; }

    private SmallFilesystem(string path) => Path = path;

    public static async Task<SmallFilesystem> MountAsync(int megabytes)
    {
        var path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "contentgrains-small-fs", Guid.NewGuid().ToString("N"))).FullName;
        var (code, output) = await RunAsync("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        if (code != 0)
            throw new InvalidOperationException($"this test fills a small tmpfs and needs to mount one (run it as root): mount exited with {code}: {output}");
        return new SmallFilesystem(path);
    }

    /// <summary>Bytes still free on the filesystem.</summary>
    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    /// <summary>Takes all but <paramref name="leaveBytes"/> of the free space with one file; returns its path (delete it to give the space back).</summary>
    public string Fill(long leaveBytes)
    {
        var filler = System.IO.Path.Combine(Path, "filler.bin");
        using var file = new FileStream(filler, FileMode.Create, FileAccess.Write);
        var chunk = new byte[1 << 20];
        while (FreeBytes > leaveBytes + chunk.Length) file.Write(chunk);
        var rest = (int)Math.Max(0, FreeBytes - leaveBytes);
        file.Write(chunk, 0, Math.Min(rest, chunk.Length));
        return filler;
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, output);
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsync("umount", "-l", Path);
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
