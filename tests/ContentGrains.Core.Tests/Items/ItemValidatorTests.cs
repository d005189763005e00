using ContentGrains.Core.Events;
using ContentGrains.Core.Items;

namespace ContentGrains.Core.Tests.Items;

public class ItemValidatorTests
{
    private static readonly ItemInput Empty = new(null, null, null, null, null, null, null);

    private static IReadOnlyList<FieldProblem> Problems(ItemInput input, string? itemId = "item-1")
    {
        var (item, problems) = ItemValidator.Validate(itemId, input);
        Assert.Null(item);
        return problems;
    }

    private static ItemInfo Valid(ItemInput input)
    {
        var (item, problems) = ItemValidator.Validate("item-1", input);
        Assert.Empty(problems);
        return item!;
    }

    [Fact]
    public void Accepts_an_item_with_no_metadata()
    {
        var info = Valid(Empty);

        Assert.Null(info.Title);
        Assert.Null(info.Text);
        Assert.Null(info.Format);
        Assert.Null(info.Creator);
        Assert.Null(info.PublishedAt);
        Assert.Empty(info.Tags);
        Assert.Empty(info.Channels);
    }

    [Fact]
    public void Copies_fields_and_converts_publish_time_to_utc()
    {
        var info = Valid(Empty with
        {
            Title = "Kind of Blue", Text = "Modal jazz", Format = "album", Creator = "miles.davis",
            PublishedAt = new DateTimeOffset(2026, 1, 31, 14, 0, 0, TimeSpan.FromHours(2)),
        });

        Assert.Equal(("Kind of Blue", "Modal jazz", "album", "miles.davis"), (info.Title, info.Text, info.Format, info.Creator));
        Assert.Equal(TimeSpan.Zero, info.PublishedAt!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero), info.PublishedAt);
    }

    [Fact]
    public void Tags_are_trimmed_lower_case_and_distinct_in_first_seen_order()
    {
        var info = Valid(Empty with { Tags = [" Jazz ", "VINYL", "jazz", "Modal Jazz", "vinyl  "] });

        Assert.Equal(["jazz", "vinyl", "modal jazz"], info.Tags);
    }

    [Fact]
    public void Channels_are_lower_case_and_distinct()
    {
        var info = Valid(Empty with { Channels = ["Web", "web", "APP"] });

        Assert.Equal(["web", "app"], info.Channels);
    }

    [Fact]
    public void Exactly_100_tags_of_64_chars_are_accepted()
    {
        var tags = Enumerable.Range(0, 100).Select(i => $"{i:000}" + new string('t', 61)).ToList<string?>();

        Assert.Equal(100, Valid(Empty with { Tags = tags }).Tags.Count);
    }

    [Fact]
    public void More_than_100_tags_are_refused_as_a_whole()
    {
        var tags = Enumerable.Range(0, 101).Select(i => (string?)$"t{i}").ToList();

        Assert.Equal([new FieldProblem("tags", "must have at most 100 entries, got 101")], Problems(Empty with { Tags = tags }));
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("   ", "must not be empty")]
    [InlineData(null, "must not be empty")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "must be at most 64 characters")]
    [InlineData("jazz\u0000", "must not contain control characters")]
    [InlineData("new\nline", "must not contain control characters")]
    public void Bad_tag_is_reported_with_its_index(string? tag, string reason)
    {
        Assert.Equal([new FieldProblem("tags[2]", reason)], Problems(Empty with { Tags = ["ok", "fine", tag] }));
    }

    [Fact]
    public void Tags_may_contain_spaces_and_punctuation()
    {
        Assert.Equal(["c#", "rock & roll"], Valid(Empty with { Tags = ["C#", "Rock & Roll"] }).Tags);
    }

    [Fact]
    public void More_than_32_channels_are_refused()
    {
        var channels = Enumerable.Range(0, 33).Select(i => (string?)$"c{i}").ToList();

        Assert.Equal([new FieldProblem("channels", "must have at most 32 entries, got 33")], Problems(Empty with { Channels = channels }));
    }

    [Fact]
    public void Bad_channel_id_is_reported_with_its_index()
    {
        Assert.Equal(
            [new FieldProblem("channels[1]", "contains ' '; allowed are ASCII letters (a-z, A-Z), digits and _ - . : @")],
            Problems(Empty with { Channels = ["web", "mobile app"] }));
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("", "is required")]
    [InlineData("items/1", "contains '/'; allowed are ASCII letters (a-z, A-Z), digits and _ - . : @")]
    public void Bad_item_id_is_refused(string? itemId, string reason)
    {
        Assert.Equal([new FieldProblem("itemId", reason)], Problems(Empty, itemId));
    }

    [Fact]
    public void Item_id_of_129_chars_is_refused()
    {
        Assert.Equal([new FieldProblem("itemId", "must be at most 128 characters, got 129")], Problems(Empty, new string('i', 129)));
    }

    [Fact]
    public void Title_text_format_and_creator_are_checked()
    {
        Assert.Equal([new FieldProblem("title", "must be at most 1000 characters")], Problems(Empty with { Title = new string('x', 1001) }));
        Assert.Equal([new FieldProblem("text", "must be at most 100000 characters")], Problems(Empty with { Text = new string('x', 100_001) }));
        Assert.Equal("format", Assert.Single(Problems(Empty with { Format = "long form" })).Field);
        Assert.Equal("creator", Assert.Single(Problems(Empty with { Creator = "a/b" })).Field);
        Assert.Equal(1000, Valid(Empty with { Title = new string('x', 1000) }).Title!.Length);
    }

    [Fact]
    public void Every_problem_is_reported_in_field_order()
    {
        var problems = Problems(Empty with { Title = new string('x', 1001), Tags = ["", "ok", " "], Channels = ["a b"] }, "bad id");

        Assert.Equal(["itemId", "title", "tags[0]", "tags[2]", "channels[0]"], problems.Select(p => p.Field));
    }
}
