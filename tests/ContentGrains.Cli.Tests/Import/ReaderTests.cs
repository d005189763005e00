using System.Text;
using ContentGrains.Cli.Import;
using ContentGrains.Testing;

namespace ContentGrains.Cli.Tests.Import;

/// <summary>Each reader on a small hand-written file: values read as written, bad lines reported with their line numbers.</summary>
public sealed class ReaderTests : IDisposable
{
    private readonly TempDirectory folder = new();
    public void Dispose() => folder.Dispose();

    private string Write(string name, string text, Encoding? encoding = null)
    {
        var path = Path.Combine(folder.Path, name);
        File.WriteAllText(path, text, encoding ?? new UTF8Encoding(false));
        return path;
    }

    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, TimeSpan.Zero);

    [Fact]
    public void RecBole_inter_rows_become_rated_events_and_bad_lines_are_rejects_with_line_numbers()
    {
        var path = Write("x.inter", "user_id:token\titem_id:token\trating:float\ttimestamp:float\n" +
                                    "u1\ti1\t5\t881250949\n" +      // line 2: like
                                    "u1\ti2\t3\t881250950\n" +      // line 3: view
                                    "u2\ti1\t4\n" +                 // line 4: a cell short
                                    "\n" +                          // line 5: blank, skipped
                                    "u2\ti2\tfive\t881250951\n" +   // line 6: rating not a number
                                    "u2\ti3\t4\tsoon\n");           // line 7: timestamp unreadable

        var rows = RecBoleReader.ReadInteractions(path, RatingRule.Default).ToList();

        Assert.Equal(5, rows.Count);
        var like = rows[0].Value!;
        Assert.Equal(("u1", "i1", "like", 5.0), (like.UserId, like.ItemId, like.Type, like.Value));
        Assert.Equal(Utc(1997, 12, 4, 15, 55, 49), like.Timestamp); // 881250949 s after 1970
        Assert.Equal(EventIds.Derive("u1", "i1", Utc(1997, 12, 4, 15, 55, 49), "rating"), like.EventId);
        Assert.Equal(("view", 3.0), (rows[1].Value!.Type, rows[1].Value!.Value));
        Assert.Equal((4L, "line", "has 3 cells, the header declares 4"), (rows[2].Source.Line, rows[2].Field, rows[2].Reason));
        Assert.Equal((6L, "rating", "'five' is not a number"), (rows[3].Source.Line, rows[3].Field, rows[3].Reason));
        Assert.Equal((7L, "timestamp"), (rows[4].Source.Line, rows[4].Field));
        Assert.Equal("x.inter:7", rows[4].Source.ToString());
    }

    [Fact]
    public void The_same_rating_has_the_same_event_id_in_every_format_and_a_different_one_for_another_time()
    {
        var recbole = Write("a.inter", "user_id:token\titem_id:token\trating:float\ttimestamp:float\nu1\ti1\t2\t100\n");
        var movielens = Write("u.data", "u1\ti1\t2\t100\nu1\ti1\t2\t101\n");
        var csv = Write("e.csv", "userId,itemId,rating,timestamp\nu1,i1,2,1970-01-01T00:01:40Z\n");

        var a = RecBoleReader.ReadInteractions(recbole, RatingRule.Default).Single().Value!;
        var b = MovieLensReader.ReadRatings(movielens, RatingRule.Default).Select(r => r.Value!).ToList();
        var c = GenericReader.ReadEventsCsv(csv, new RatingRule(1)).Single().Value!;

        Assert.Equal(a.EventId, b[0].EventId);
        Assert.Equal(a.EventId, c.EventId); // a different rating rule changes the type ("like" here), not the id
        Assert.Equal("like", c.Type);
        Assert.NotEqual(a.EventId, b[1].EventId);
        Assert.StartsWith("imp-", a.EventId);
        Assert.Equal(36, a.EventId!.Length);
    }

    [Fact]
    public void RecBole_item_gives_title_tags_and_the_release_year_as_publication_date()
    {
        var path = Write("x.item", "item_id:token\tmovie_title:token_seq\trelease_year:token\tclass:token_seq\n" +
                                   "1\tToy Story\t1995\tAnimation Children's Comedy\n" +
                                   "267\tunknown\tunkonwn\tunknown\n" +   // ml-100k's own typo: loads without a date
                                   "3\tFour Rooms\n");                     // line 4: two cells short

        var rows = RecBoleReader.ReadItems(path).ToList();

        var toy = rows[0].Value!;
        Assert.Equal(("1", "Toy Story", Utc(1995, 1, 1)), (toy.ItemId, toy.Title, toy.PublishedAt));
        Assert.Equal(["Animation", "Children's", "Comedy"], toy.Tags);
        Assert.Equal(("267", (DateTimeOffset?)null), (rows[1].Value!.ItemId, rows[1].Value!.PublishedAt));
        Assert.Equal((4L, "line"), (rows[2].Source.Line, rows[2].Field));
    }

    [Fact]
    public void RecBole_user_keeps_every_side_column()
    {
        var path = Write("x.user", "user_id:token\tage:token\tgender:token\n7\t24\tM\n");
        var user = RecBoleReader.ReadUsers(path).Single().Value!;
        Assert.Equal("7", user.UserId);
        Assert.Equal([KeyValuePair.Create("age", "24"), KeyValuePair.Create("gender", "M")], user.Attributes);
    }

    [Fact]
    public void A_RecBole_file_without_its_id_column_is_unreadable_as_a_whole()
    {
        var path = Write("x.inter", "user:token\titem_id:token\nu1\ti1\n");
        var error = Assert.Throws<FormatException>(() => RecBoleReader.ReadInteractions(path, RatingRule.Default).ToList());
        Assert.Contains("no 'user_id' column", error.Message);
    }

    [Fact]
    public void MovieLens_u_item_is_Latin_1_with_genre_flags_and_a_release_date()
    {
        const string flags = "0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0";
        var path = Write("u.item",
            $"1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|{flags}\n" +
            $"2|Café au lait (1993)||||{flags.Replace("0|0|0|1|1|1", "1|0|0|0|0|0")}\n" +
            "3|Short|01-Jan-1995||url|0|1\n" +                                           // line 3: too few fields
            $"4|Bad date|1995-01-01||url|{flags}\n", Encoding.Latin1);                   // line 4: not dd-MMM-yyyy

        var rows = MovieLensReader.ReadItems(path).ToList();

        var toy = rows[0].Value!;
        Assert.Equal(("1", "Toy Story (1995)", Utc(1995, 1, 1)), (toy.ItemId, toy.Title, toy.PublishedAt));
        Assert.Equal(["Animation", "Children's", "Comedy"], toy.Tags);
        Assert.Equal(("Café au lait (1993)", (DateTimeOffset?)null), (rows[1].Value!.Title, rows[1].Value!.PublishedAt));
        Assert.Equal(["unknown"], rows[1].Value!.Tags);
        Assert.Equal((3L, "line"), (rows[2].Source.Line, rows[2].Field));
        Assert.Equal((4L, "release date", "'1995-01-01' is not a date like 01-Jan-1995"), (rows[3].Source.Line, rows[3].Field, rows[3].Reason));
    }

    [Fact]
    public void MovieLens_u_data_and_u_user()
    {
        var data = Write("u.data", "196\t242\t3\t881250949\n186\t302\n");
        var users = Write("u.user", "1|24|M|technician|85711\n");

        var rows = MovieLensReader.ReadRatings(data, RatingRule.Default).ToList();
        var user = MovieLensReader.ReadUsers(users).Single().Value!;

        Assert.Equal(("196", "242", "view", 3.0), (rows[0].Value!.UserId, rows[0].Value!.ItemId, rows[0].Value!.Type, rows[0].Value!.Value));
        Assert.Equal((2L, "line"), (rows[1].Source.Line, rows[1].Field));
        Assert.Equal(["age", "gender", "occupation", "zip_code"], user.Attributes.Select(a => a.Key));
        Assert.Equal("85711", user.Attributes[3].Value);
    }

    [Fact]
    public void CSV_events_take_the_API_names_quoted_fields_and_report_the_line_a_record_starts_on()
    {
        var path = Write("events.csv",
            "EventId,userId,itemId,type,timestamp,channel,dwellSeconds,value,text,extra\n" +
            "e-1,ann,alien,dwell,2026-11-29T10:00:00Z,web,95,,\"long, \"\"quoted\"\"\nreview\",ignored\n" + // lines 2-3
            ",bob,alien,click,1764410400,,,,,\n" +                                                            // line 4: id derived
            "e-3,bob,alien,click,2026-11-29T10:00:00Z,,lots,,,\n" +                                           // line 5: dwell not a number
            "e-4,bob\n");                                                                                     // line 6: too few fields

        var rows = GenericReader.ReadEventsCsv(path, RatingRule.Default).ToList();

        var dwell = rows[0].Value!;
        Assert.Equal(("e-1", "ann", "alien", "dwell", "web", 95.0), (dwell.EventId, dwell.UserId, dwell.ItemId, dwell.Type, dwell.Channel, dwell.DwellSeconds));
        Assert.Equal("long, \"quoted\"\nreview", dwell.Text);
        Assert.Equal(Utc(2026, 11, 29, 10), dwell.Timestamp);
        var click = rows[1].Value!;
        Assert.Equal((4L, Utc(2025, 11, 29, 10)), (rows[1].Source.Line, click.Timestamp));
        Assert.Equal(EventIds.Derive("bob", "alien", Utc(2025, 11, 29, 10), "click"), click.EventId);
        Assert.Null(click.Channel); // an empty cell is absent, as a JSON null
        Assert.Equal((5L, "dwellSeconds", "must be a number, got 'lots'"), (rows[2].Source.Line, rows[2].Field, rows[2].Reason));
        Assert.Equal((6L, "line", "has 2 fields, the header has 10"), (rows[3].Source.Line, rows[3].Field, rows[3].Reason));
    }

    [Fact]
    public void CSV_items_split_tags_and_channels_on_bars()
    {
        var path = Write("items.csv", "itemId,title,tags,channels,publishedAt,format\nalien,\"Alien, 1979\",SciFi|horror,web|email,2026-11-20T00:00:00Z,video\n");
        var item = GenericReader.ReadItemsCsv(path).Single().Value!;
        Assert.Equal(("alien", "Alien, 1979", "video", Utc(2026, 11, 20)), (item.ItemId, item.Title, item.Format, item.PublishedAt));
        Assert.Equal(["SciFi", "horror"], item.Tags);
        Assert.Equal(["web", "email"], item.Channels);
    }

    [Fact]
    public void JSONL_events_and_items_read_like_the_API_and_name_the_bad_field()
    {
        var events = Write("events.jsonl",
            "{\"eventId\":\"e-1\",\"userId\":\"ann\",\"itemId\":\"alien\",\"type\":\"like\",\"timestamp\":\"2026-11-29T10:00:00Z\",\"value\":1}\n" +
            "{\"userId\":\"ann\",\"itemId\":\"alien\",\"timestamp\":100,\"rating\":2}\n" +
            "{\"userId\":7}\n" +
            "{not json\n" +
            "[1,2]\n");
        var items = Write("items.jsonl", "{\"itemId\":\"alien\",\"title\":\"Alien\",\"tags\":[\"scifi\"],\"publishedAt\":\"2026-11-20T00:00:00Z\"}\n{\"itemId\":\"x\",\"tags\":\"scifi\"}\n");

        var e = GenericReader.ReadEventsJsonl(events, RatingRule.Default).ToList();
        var i = GenericReader.ReadItemsJsonl(items).ToList();

        Assert.Equal(("e-1", "like", 1.0), (e[0].Value!.EventId, e[0].Value!.Type, e[0].Value!.Value));
        Assert.Equal(("view", 2.0, Utc(1970, 1, 1, 0, 1, 40)), (e[1].Value!.Type, e[1].Value!.Value, e[1].Value!.Timestamp));
        Assert.Equal(EventIds.Derive("ann", "alien", Utc(1970, 1, 1, 0, 1, 40), "rating"), e[1].Value!.EventId);
        Assert.Equal((3L, "userId", "must be a string, got number"), (e[2].Source.Line, e[2].Field, e[2].Reason));
        Assert.Equal((4L, "line"), (e[3].Source.Line, e[3].Field));
        Assert.StartsWith("is not valid JSON", e[3].Reason);
        Assert.Equal((5L, "must be a JSON object"), (e[4].Source.Line, e[4].Reason));
        Assert.Equal(("alien", "Alien", Utc(2026, 11, 20)), (i[0].Value!.ItemId, i[0].Value!.Title, i[0].Value!.PublishedAt));
        Assert.Equal((2L, "tags", "has the wrong type"), (i[1].Source.Line, i[1].Field, i[1].Reason));
    }

    [Theory]
    [InlineData("ml-100k.inter", "recbole")]
    [InlineData("ml-100k.item", "recbole")]
    [InlineData("u.data", "movielens")]
    [InlineData("u.item", "movielens")]
    [InlineData("u.user", "movielens")]
    [InlineData("ratings.dat", "movielens")]
    [InlineData("events.CSV", "csv")]
    [InlineData("events.jsonl", "jsonl")]
    [InlineData("events.txt", null)]
    public void The_format_follows_the_file_name(string file, string? format) => Assert.Equal(format, ImportCommand.FormatOf(file, null));
}
