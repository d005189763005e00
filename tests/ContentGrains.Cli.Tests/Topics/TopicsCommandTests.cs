using System.Text.Json.Nodes;
using ContentGrains.Cli.Topics;
using ContentGrains.Core.Text;
using ContentGrains.Testing;

namespace ContentGrains.Cli.Tests.Topics;

/// <summary>
/// `contentgrains topics` on a small MIND-format file with a theme encoder standing in for MiniLM (bench/topics.sh
/// runs MiniLM on the real news sample).
/// </summary>
public sealed class TopicsCommandTests : IDisposable
{
    private static readonly (string Category, string[] Words)[] Themes =
    [
        ("sports", ["touchdown", "quarterback", "playoff", "coach", "stadium"]),
        ("foodanddrink", ["recipe", "oven", "dessert", "chef", "flavor"]),
        ("weather", ["storm", "snowfall", "forecast", "rain", "temperatures"]),
    ];

    private readonly TempDirectory folder = new();
    public void Dispose() => folder.Dispose();

    private string PathOf(string name) => Path.Combine(folder.Path, name);

    private string News()
    {
        var random = new Random(4);
        var lines = Enumerable.Range(0, 30).Select(i =>
        {
            var (category, words) = Themes[i % 3];
            var title = string.Join(' ', Enumerable.Range(0, 4).Select(_ => words[random.Next(words.Length)]));
            var abstractText = string.Join(' ', Enumerable.Range(0, 8).Select(_ => words[random.Next(words.Length)]));
            return $"N{i}\t{category}\tsub\t{title}\t{abstractText}\thttps://x\t[]\t[]";
        });
        File.WriteAllLines(PathOf("news.tsv"), lines);
        return PathOf("news.tsv");
    }

    [Fact]
    public void Finds_the_three_themes_with_both_methods_and_reports_nmi_and_every_k_tried()
    {
        var errors = new StringWriter();
        var exit = TopicsCommand.Run(["--data", News(), "--format", "mind", "--method", "both", "--min-topics", "2", "--max-topics", "6",
            "--lda-step", "1", "--restarts", "2", "--out", PathOf("topics.json"), "--vectors-cache", PathOf("vectors.bin")], new StringWriter(), errors, new ThemeEncoder());

        Assert.True(exit == 0, errors.ToString());
        var report = JsonNode.Parse(File.ReadAllText(PathOf("topics.json")))!;
        Assert.Equal(30, (int)report["articles"]!);
        Assert.Equal(3, (int)report["categories"]!);
        var embedding = report["embedding"]!;
        Assert.Equal(3, (int)embedding["k"]!);
        Assert.Equal(1.0, (double)embedding["nmi"]!, 9);
        Assert.Equal([2, 3, 4, 5, 6], embedding["tried"]!.AsArray().Select(t => (int)t!["k"]!));
        var sportsTopic = embedding["topics"]!.AsArray().Single(t => (string)t!["mainCategory"]! == "sports")!;
        Assert.Equal(10, (int)sportsTopic["size"]!);
        Assert.All(sportsTopic["words"]!.AsArray().Select(w => (string)w!), w => Assert.Contains(w, Themes[0].Words));
        var lda = report["lda"]!;
        Assert.Equal(5, lda["tried"]!.AsArray().Count);
        Assert.InRange((double)lda["nmi"]!, 0, 1);
    }

    [Fact]
    public void A_second_run_reads_the_vectors_from_the_cache()
    {
        var news = News();
        string[] args = ["--data", news, "--format", "mind", "--method", "embedding", "--min-topics", "2", "--max-topics", "4",
            "--out", PathOf("t.json"), "--vectors-cache", PathOf("vectors.bin")];
        Assert.Equal(0, TopicsCommand.Run(args, new StringWriter(), new StringWriter(), new ThemeEncoder()));

        var errors = new StringWriter();
        Assert.True(TopicsCommand.Run(args, new StringWriter(), errors, new RefusingEncoder()) == 0, errors.ToString());
        Assert.Equal(1.0, (double)JsonNode.Parse(File.ReadAllText(PathOf("t.json")))!["embedding"]!["nmi"]!, 9);
    }

    [Theory]
    [InlineData("--method", "nmf", "--method must be embedding, lda or both, not 'nmf'")]
    [InlineData("--min-topics", "1", "--min-topics: '1' is not a whole number of at least 2")]
    [InlineData("--format", "csv", "--format must be mind")]
    public void Bad_options_are_named(string option, string value, string message)
    {
        var errors = new StringWriter();
        List<string> args = ["--data", News(), "--format", "mind", "--out", PathOf("t.json")];
        args.AddRange([option, value]);
        Assert.Equal(2, TopicsCommand.Run(args, new StringWriter(), errors, new ThemeEncoder()));
        Assert.Contains(message, errors.ToString());
    }

    /// <summary>One axis per theme, weighted by how many of the theme's words the text holds, unit length.</summary>
    private sealed class ThemeEncoder : ITextEncoder
    {
        public int Dimensions => Themes.Length;

        public float[][] Encode(IReadOnlyList<string> texts) => texts.Select(text =>
        {
            var v = Themes.Select(t => (float)t.Words.Sum(w => text.Split(' ', '\n').Count(x => x == w))).ToArray();
            var norm = MathF.Sqrt(v.Sum(x => x * x));
            return v.Select(x => x / norm).ToArray();
        }).ToArray();
    }

    private sealed class RefusingEncoder : ITextEncoder
    {
        public int Dimensions => Themes.Length;
        public float[][] Encode(IReadOnlyList<string> texts) =>
            texts.Count == 0 ? [] : throw new InvalidOperationException("the cache should have held every vector");
    }
}
