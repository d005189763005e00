using System.Text.Json.Nodes;
using ContentGrains.Cli.Simulation;
using ContentGrains.Core.Simulation;
using ContentGrains.Core.Text;
using ContentGrains.Testing;

namespace ContentGrains.Cli.Tests;

/// <summary>
/// `contentgrains simulate comments` then `contentgrains sentiment alerts`: the planted spikes come back as alerts on their
/// items and days. The classifier is trained on the simulator's own phrases with a sentence encoder that carries nothing
/// (the TF-IDF block learns the words), standing in for MiniLM, which bench/sentiment.sh runs.
/// </summary>
public sealed class SentimentAlertsCommandTests : IDisposable
{
    private readonly TempDirectory folder = new();
    public void Dispose() => folder.Dispose();

    private string PathOf(string name) => Path.Combine(folder.Path, name);

    [Fact]
    public async Task Every_planted_spike_of_simulate_comments_comes_back_as_an_alert_on_its_item_and_day()
    {
        var errors = new StringWriter();
        Assert.Equal(0, await SimulateCommand.RunAsync(["comments", "--items", "12", "--spikes", "4", "--days", "20", "--seed", "5", "--out", PathOf("sim")],
            new StringWriter(), errors));
        var spikes = File.ReadAllLines(PathOf("sim/spikes.tsv")).Skip(1).Select(l => l.Split('\t')).Select(c => (Item: c[0], Day: c[1])).ToList();
        Assert.Equal(["i0", "i3", "i6", "i9"], spikes.Select(s => s.Item));
        var comments = File.ReadLines(PathOf("sim/comments.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.All(comments, c => Assert.Equal("comment", (string)c["type"]!));
        Assert.InRange(comments.Count, 12 * 20 * 20, 12 * 20 * 60);

        var data = Directory.CreateDirectory(PathOf("phrases")).FullName;
        File.WriteAllLines(Path.Combine(data, "sim_labelled.txt"), CommentPhrases.Positive.Select(p => string.Format(p, "thing") + "\t1")
            .Concat(CommentPhrases.Negative.Select(p => string.Format(p, "thing") + "\t0")));
        Assert.Equal(0, SentimentCommand.Run(["train", "--data", data, "--out", PathOf("model.json"), "--folds", "2"], new StringWriter(), errors, new NoVector()));
        var output = new StringWriter();
        Assert.True(SentimentCommand.Run(["alerts", "--model", PathOf("model.json"), "--events", PathOf("sim/comments.jsonl"), "--out", PathOf("alerts.json")],
            output, errors, new NoVector()) == 0, errors.ToString());

        var result = JsonNode.Parse(File.ReadAllText(PathOf("alerts.json")))!;
        Assert.Equal(comments.Count, (int)result["comments"]!);
        Assert.Equal(24.0, (double)result["windowHours"]!);
        var alerts = result["alerts"]!.AsArray().Select(a => (Key: (string)a!["key"]!, Day: ((DateTimeOffset)a["windowStart"]!).ToString("yyyy-MM-dd"))).ToList();
        Assert.All(spikes, s => Assert.Contains(("item:" + s.Item, s.Day), alerts));
        Assert.Contains($"{alerts.Count} alerts", output.ToString());
        Assert.Equal(2, SentimentCommand.Run(["alerts", "--model", PathOf("model.json"), "--events", PathOf("none.jsonl"), "--out", PathOf("x.json")],
            new StringWriter(), errors, new NoVector()));
        Assert.Contains("--events: file", errors.ToString());
    }

    /// <summary>The same vector for every text: the classifier has only the words to go on.</summary>
    private sealed class NoVector : ITextEncoder
    {
        public int Dimensions => 2;

        public float[][] Encode(IReadOnlyList<string> texts) => texts.Select(_ => new float[] { 0.6f, 0.8f }).ToArray();
    }
}
