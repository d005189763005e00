using System.Text.Json.Nodes;
using ContentGrains.Cli.Import;
using ContentGrains.Testing;

namespace ContentGrains.Cli.Tests.Import;

/// <summary>
/// `import --to` against the real engine process (embedded SQLite on a temp folder, free ports, an API key):
/// the summary counts, a re-import counted entirely as duplicates, and the profile, item counters and feed it leaves.
/// </summary>
public sealed class EngineImportTests : IDisposable
{
    private readonly TempDirectory folder = new();
    public void Dispose() => folder.Dispose();

    private const string Key = "import-key";

    private string WriteDataSet()
    {
        var data = Directory.CreateDirectory(Path.Combine(folder.Path, "mini")).FullName;
        var yesterday = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds();
        var tomorrow = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds();
        File.WriteAllLines(Path.Combine(data, "mini.item"), [
            "item_id:token\tmovie_title:token_seq\trelease_year:token\tclass:token_seq",
            "i1\tFilm one\t1995\tDrama War", "i2\tFilm two\t1996\tComedy", "i3\tFilm three\t1997\tDrama",
            "i4\tFilm four\t1998\tComedy Romance", "i5\tFilm five\t1999\tHorror", "i6\tFilm six\t2000\tDrama",
            $"i7\tFilm seven\t2001\t{new string('x', 70)}",                        // line 8: the engine refuses a 70-character tag
        ]);
        File.WriteAllLines(Path.Combine(data, "mini.inter"), [
            "user_id:token\titem_id:token\trating:float\ttimestamp:float",
            $"u1\ti1\t5\t{yesterday}", $"u1\ti2\t2\t{yesterday + 1}", $"u1\ti3\t4\t{yesterday + 2}",   // u1: like, view, like
            $"u2\ti1\t4\t{yesterday}", $"u2\ti5\t1\t{yesterday + 1}",
            $"u3\ti1\t3\t{yesterday}", $"u3\ti4\t5\t{yesterday + 1}",
            "u4\ti2\t5",                                                                                 // line 9: a cell short
            $"bad user\ti2\t5\t{yesterday}",                                                             // line 10: the engine refuses the id
            $"u5\ti3\t4\t{tomorrow}",                                                                    // line 11: in the future
        ]);
        File.WriteAllLines(Path.Combine(data, "mini.user"), ["user_id:token\tage:token", "u1\t30", "u2\t40"]);
        return data;
    }

    [Fact]
    public async Task Imports_over_HTTP_counts_a_second_import_as_duplicates_and_the_profile_and_feed_reflect_it()
    {
        var data = WriteDataSet();
        await using var silo = await SiloProcess.StartSqliteAsync(Path.Combine(folder.Path, "engine"), ApiKeyArgs.Entry(0, "test", Key, "ingest", "read", "admin"));
        string[] args = ["--data", data, "--to", $"http://127.0.0.1:{silo.HttpPort}", "--api-key", Key, "--batch", "4", "--parallel", "2"];

        var first = new StringWriter();
        var progress = new StringWriter();
        Assert.Equal(0, await ImportCommand.RunAsync(args, first, progress));

        var text = first.ToString();
        Assert.Contains("events: 10 read, 9 sent, 7 accepted, 0 duplicates, 3 rejected, 0 about items without metadata", text);
        Assert.Contains("items:  7 read, 7 sent, 6 stored, 1 rejected", text);
        Assert.Contains("note: 2 users read but not sent", text);
        Assert.Contains("event line has 3 cells, the header declares 4  (e.g. mini.inter:9)", text);
        Assert.Contains("event userId contains ' '; allowed are ASCII letters (a-z, A-Z), digits and _ - . : @  (e.g. mini.inter:10)", text);
        Assert.Contains("event timestamp is more than 5 minutes in the future  (e.g. mini.inter:11)", text);
        Assert.Contains("item tags[0] must be at most 64 characters  (e.g. mini.item:8)", text);
        Assert.Contains("read 19  sent 16  accepted 13  duplicates 0  rejected 4", progress.ToString().Split('\n').Where(l => l.Length > 0).Last()); // the final progress line

        var again = new StringWriter();
        Assert.Equal(0, await ImportCommand.RunAsync(args, again, new StringWriter()));
        Assert.Contains("events: 10 read, 9 sent, 0 accepted, 7 duplicates, 3 rejected", again.ToString());

        var http = silo.Http;
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var profile = await Eventually.Get(async () => JsonNode.Parse(await http.GetStringAsync("/v1/users/u1/profile"))!,
            p => p["eventCounts"]!.AsObject().Count > 0, "u1's profile");
        Assert.Equal(2, (long)profile["eventCounts"]!["like"]!);   // ratings 5 and 4, counted once despite two imports
        Assert.Equal(1, (long)profile["eventCounts"]!["view"]!);   // rating 2
        Assert.True((double)profile["interests"]!["drama"]! > 0);  // from the liked films' tags
        var film = await Eventually.Get(async () => JsonNode.Parse(await http.GetStringAsync("/v1/items/i1"))!,
            i => (long)i["stats"]!["likes"]! + (long)i["stats"]!["views"]! == 3, "i1's counters");
        Assert.Equal(("Film one", 2L, 1L), ((string)film["title"]!, (long)film["stats"]!["likes"]!, (long)film["stats"]!["views"]!));
        Assert.Equal(["drama", "war"], film["tags"]!.AsArray().Select(t => (string)t!));

        var feed = JsonNode.Parse(await http.GetStringAsync("/v1/users/u1/feed?count=10"))!["items"]!.AsArray().Select(i => (string)i!["itemId"]!).ToList();
        Assert.Contains("i6", feed);                                 // an unseen drama
        Assert.DoesNotContain("i1", feed);                           // what u1 already rated is consumed
        Assert.DoesNotContain("i3", feed);
    }
}
