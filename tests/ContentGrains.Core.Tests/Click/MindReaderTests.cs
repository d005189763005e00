using ContentGrains.Core.Click.Mind;

namespace ContentGrains.Core.Tests.Click;

public sealed class MindReaderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mind-reader").FullName;
    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void Reads_an_impression_line()
    {
        var path = Write("behaviors.tsv", "58376\tU81994\t11/12/2019 2:14:46 PM\tN138 N64727\tN123-1 N456-0");

        var impression = Assert.Single(MindReader.ReadBehaviors(path));

        Assert.Equal("58376", impression.Id);
        Assert.Equal("U81994", impression.UserId);
        Assert.Equal(new DateTimeOffset(2019, 11, 12, 14, 14, 46, TimeSpan.Zero), impression.Time);
        Assert.Equal(["N138", "N64727"], impression.History);
        Assert.Equal([new MindCandidate("N123", true), new MindCandidate("N456", false)], impression.Candidates);
    }

    [Fact]
    public void An_empty_history_is_allowed()
    {
        var path = Write("behaviors.tsv", "1\tU1\t11/9/2019 12:00:01 AM\t\tN1-0");
        Assert.Empty(Assert.Single(MindReader.ReadBehaviors(path)).History);
    }

    [Theory]
    [InlineData("1\tU1\tyesterday\t\tN1-0", "time")]
    [InlineData("1\tU1\t11/9/2019 12:00:01 AM\t\tN1-2", "impressions")]
    [InlineData("1\tU1\t11/9/2019 12:00:01 AM\t\t", "impressions")]
    [InlineData("1\tU1\t11/9/2019 12:00:01 AM\tN1-0", "line")]
    [InlineData("\tU1\t11/9/2019 12:00:01 AM\t\tN1-0", "impression_id")]
    public void A_bad_line_names_the_file_the_line_and_the_field(string badLine, string field)
    {
        var path = Write("behaviors.tsv", "1\tU1\t11/9/2019 12:00:01 AM\t\tN1-0", badLine);

        var error = Assert.Throws<MindFormatException>(() => MindReader.ReadBehaviors(path));

        Assert.Equal(2, error.Line);
        Assert.Equal(field, error.Field);
        Assert.StartsWith($"{path}:2: {field}:", error.Message);
    }

    [Fact]
    public void A_missing_file_says_which()
    {
        var path = Path.Combine(folder, "behaviors.tsv");
        Assert.Contains(path, Assert.Throws<FileNotFoundException>(() => MindReader.ReadBehaviors(path)).Message);
    }

    [Fact]
    public void Reads_news_and_refuses_a_short_line()
    {
        var path = Write("news.tsv", "N1\tsports\tfootball_nfl\tA title\tAn abstract\thttps://x\t[]\t[]");
        Assert.Equal(new MindNews("N1", "sports", "football_nfl", "A title", "An abstract"), Assert.Single(MindReader.ReadNews(path)));

        var bad = Write("bad-news.tsv", "N1\tsports");
        Assert.Equal(1, Assert.Throws<MindFormatException>(() => MindReader.ReadNews(bad)).Line);
    }
}
