using System.Text.Json.Nodes;
using ContentGrains.Testing;

namespace ContentGrains.Cli.Tests;

public sealed class ColdStartCommandTests : IDisposable
{
    private readonly TempDirectory folder = new();
    public void Dispose() => folder.Dispose();

    private const string Header = "user_id:token\titem_id:token\trating:float\ttimestamp:float";

    /// <summary>Four trained items a..d (one user each at least); every user tests on all four, so whichever item goes cold is tested.</summary>
    private void WriteSplit()
    {
        File.WriteAllLines(Path.Combine(folder.Path, "tiny.train.inter"), [Header, "u1\ta\t5\t1", "u1\tb\t5\t1", "u2\tc\t5\t1", "u2\td\t5\t1", "u3\te\t5\t1"]);
        File.WriteAllLines(Path.Combine(folder.Path, "tiny.valid.inter"), [Header, "u1\te\t5\t2"]);
        File.WriteAllLines(Path.Combine(folder.Path, "tiny.test.inter"), [Header, "u3\ta\t5\t3", "u3\tb\t5\t3", "u3\tc\t5\t3", "u3\td\t5\t3"]);
    }

    [Fact]
    public void Holds_items_out_and_writes_recall_among_cold_and_all_items()
    {
        WriteSplit();
        var outFile = Path.Combine(folder.Path, "cold.json");
        var output = new StringWriter();

        var exit = ColdStartCommand.Run(["--data", folder.Path, "--fraction", "0.4", "--k", "1", "--models", "pop,random", "--out", outFile], output, new StringWriter());

        Assert.Equal(0, exit);
        var report = JsonNode.Parse(File.ReadAllText(outFile))!;
        // round(5 trained items × 0.4) = 2 cold items; u3 tests on a..d, so at most 2 cold test interactions.
        Assert.Equal(2, (int)report["protocol"]!["coldItems"]!);
        var coldTests = (int)report["protocol"]!["coldTestInteractions"]!;
        Assert.InRange(coldTests, 1, 2);
        var pop = report["models"]![0]!;
        Assert.Equal("pop", (string)pop["name"]!);
        // u3's only training item is e; among cold items pop ties at 0 and the top 1 is the lower index, a cold test item.
        Assert.Equal(1.0 / coldTests, (double)pop["amongCold"]!["recall@1"]!, 4);
        Assert.Equal(1, (int)pop["amongCold"]!["users"]!);
        Assert.Equal("random", (string)report["models"]![1]!["name"]!);
        Assert.Contains("2 of 5 items held out of training", output.ToString());
    }

    [Theory]
    [InlineData(new[] { "--fraction", "1" }, "--fraction must be a number strictly between 0 and 1")]
    [InlineData(new[] { "--models", "magic" }, "unknown model 'magic'")]
    [InlineData(new[] { "--models", "content" }, "--models content: The content model needs the data set's item side file")]
    public void Bad_options_are_refused_with_the_reason(string[] extra, string message)
    {
        WriteSplit();
        var errors = new StringWriter();
        var exit = ColdStartCommand.Run(["--data", folder.Path, .. extra], new StringWriter(), errors);
        Assert.Equal(2, exit);
        Assert.Contains(message, errors.ToString());
    }
}
