using System.Text.Json.Nodes;
using ContentGrains.Core.Text;
using ContentGrains.Testing;

namespace ContentGrains.Cli.Tests;

/// <summary>`contentgrains sentiment train | score` with a small word encoder standing in for MiniLM (which bench/sentiment.sh runs).</summary>
public sealed class SentimentCommandTests : IDisposable
{
    private readonly TempDirectory folder = new();
    public void Dispose() => folder.Dispose();

    private string PathOf(string name) => Path.Combine(folder.Path, name);

    private string TrainedModel()
    {
        var data = Directory.CreateDirectory(PathOf("data")).FullName;
        File.WriteAllLines(Path.Combine(data, "toy_labelled.txt"), Enumerable.Range(0, 60).Select(i =>
            i % 2 == 0 ? $"really excellent thing {i}\t1" : $"really terrible thing {i}\t0"));
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = SentimentCommand.Run(["train", "--data", data, "--out", PathOf("model.json"), "--folds", "3"], output, errors, new WordEncoder());
        Assert.True(exit == 0, errors.ToString());
        var report = JsonNode.Parse(output.ToString())!;
        Assert.Equal(60, (int)report["sentences"]!);
        Assert.Equal(1.0, (double)report["crossValidation"]!["accuracy"]!);
        return PathOf("model.json");
    }

    [Fact]
    public void Scores_a_csv_column_one_row_per_input_row_in_order()
    {
        var model = TrainedModel();
        File.WriteAllText(PathOf("in.csv"), "id,text\n1,\"An excellent, lovely thing\"\n2,\"terrible, \"\"awful\"\"\nreally\"\n3,excellent\n");

        var exit = SentimentCommand.Run(["score", "--model", model, "--in", PathOf("in.csv"), "--column", "text", "--out", PathOf("out.json")],
            new StringWriter(), new StringWriter(), new WordEncoder());

        Assert.Equal(0, exit);
        var rows = JsonNode.Parse(File.ReadAllText(PathOf("out.json")))!.AsArray();
        Assert.Equal([1, 2, 3], rows.Select(r => (int)r!["row"]!));
        var p = rows.Select(r => (double)r!["pPositive"]!).ToArray();
        Assert.True(p[0] > 0.5 && p[1] < 0.5 && p[2] > 0.5, string.Join(", ", p));
    }

    [Fact]
    public void Scores_a_tsv_and_names_a_missing_column()
    {
        var model = TrainedModel();
        File.WriteAllText(PathOf("in.tsv"), "text\tstars\nterrible\t1\n");
        var errors = new StringWriter();

        Assert.Equal(0, SentimentCommand.Run(["score", "--model", model, "--in", PathOf("in.tsv"), "--column", "text", "--out", PathOf("o.json")],
            new StringWriter(), new StringWriter(), new WordEncoder()));
        Assert.Single(JsonNode.Parse(File.ReadAllText(PathOf("o.json")))!.AsArray());
        Assert.Equal(2, SentimentCommand.Run(["score", "--model", model, "--in", PathOf("in.tsv"), "--column", "review", "--out", PathOf("o.json")],
            new StringWriter(), errors, new WordEncoder()));
        Assert.Contains("--column: 'review' is not in the header (text, stars)", errors.ToString());
    }

    /// <summary>(1, 0) when the text says "excellent", else (0, 1): enough to make the labels learnable.</summary>
    private sealed class WordEncoder : ITextEncoder
    {
        public int Dimensions => 2;

        public float[][] Encode(IReadOnlyList<string> texts)
        {
            return texts.Select(t => t.Contains("excellent", StringComparison.OrdinalIgnoreCase) ? new float[] { 1, 0 } : [0, 1]).ToArray();
        }
    }
}
