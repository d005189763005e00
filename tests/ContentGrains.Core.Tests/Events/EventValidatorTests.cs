using System.Text.Json;
using ContentGrains.Core.Events;

namespace ContentGrains.Core.Tests.Events;

public class EventValidatorTests
{
    private static readonly DateTimeOffset Now = Given.T0;
    private readonly EventValidator validator = new(new FakeTimeProvider(Now));

    private const string Allowed = "; allowed are ASCII letters (a-z, A-Z), digits and _ - . : @";

    private static readonly EventInput Good =
        new("ev-1", "user-1", "item-1", "click", Now.AddMinutes(-1), "web", null, null, null);

    private static readonly Dictionary<string, EventInput> Bad = new()
    {
        ["missing eventId"] = Good with { EventId = null },
        ["empty eventId"] = Good with { EventId = "" },
        ["missing userId"] = Good with { UserId = null },
        ["missing itemId"] = Good with { ItemId = null },
        ["missing type"] = Good with { Type = null },
        ["missing timestamp"] = Good with { Timestamp = null },
        ["eventId of 129 chars"] = Good with { EventId = new string('a', 129) },
        ["userId with space"] = Good with { UserId = "user 1" },
        ["itemId with slash"] = Good with { ItemId = "items/1" },
        ["eventId with control char"] = Good with { EventId = "ev\u00011" },
        ["itemId with non-ASCII letter"] = Good with { ItemId = "café" },
        ["unknown type"] = Good with { Type = "swipe" },
        ["long unknown type"] = Good with { Type = new string('x', 50) },
        ["timestamp 6 minutes ahead"] = Good with { Timestamp = Now.AddMinutes(6) },
        ["channel with space"] = Good with { Channel = "mobile app" },
        ["negative dwell"] = Good with { Type = "dwell", DwellSeconds = -0.5 },
        ["NaN dwell"] = Good with { DwellSeconds = double.NaN },
        ["infinite dwell"] = Good with { DwellSeconds = double.PositiveInfinity },
        ["dwell without dwellSeconds"] = Good with { Type = "dwell", DwellSeconds = null },
        ["NaN value"] = Good with { Value = double.NaN },
        ["infinite value"] = Good with { Value = double.NegativeInfinity },
        ["text of 4001 chars"] = Good with { Text = new string('t', 4001) },
        ["first problem wins"] = Good with { UserId = null, Type = "swipe", Text = new string('t', 5000) },
    };

    [Theory]
    [InlineData("missing eventId", "eventId", "is required")]
    [InlineData("empty eventId", "eventId", "is required")]
    [InlineData("missing userId", "userId", "is required")]
    [InlineData("missing itemId", "itemId", "is required")]
    [InlineData("missing type", "type", "is required")]
    [InlineData("missing timestamp", "timestamp", "is required")]
    [InlineData("eventId of 129 chars", "eventId", "must be at most 128 characters, got 129")]
    [InlineData("userId with space", "userId", "contains ' '" + Allowed)]
    [InlineData("itemId with slash", "itemId", "contains '/'" + Allowed)]
    [InlineData("eventId with control char", "eventId", "contains '\\u0001'" + Allowed)]
    [InlineData("itemId with non-ASCII letter", "itemId", "contains 'é'" + Allowed)]
    [InlineData("unknown type", "type",
        "'swipe' is not one of impression, view, click, like, share, comment, dislike, conversion, dwell")]
    [InlineData("long unknown type", "type",
        "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' is not one of impression, view, click, like, share, comment, dislike, conversion, dwell")]
    [InlineData("timestamp 6 minutes ahead", "timestamp", "is more than 5 minutes in the future")]
    [InlineData("channel with space", "channel", "contains ' '" + Allowed)]
    [InlineData("negative dwell", "dwellSeconds", "must be at least 0")]
    [InlineData("NaN dwell", "dwellSeconds", "must be a finite number")]
    [InlineData("infinite dwell", "dwellSeconds", "must be a finite number")]
    [InlineData("dwell without dwellSeconds", "dwellSeconds", "is required for a dwell event")]
    [InlineData("NaN value", "value", "must be a finite number")]
    [InlineData("infinite value", "value", "must be a finite number")]
    [InlineData("text of 4001 chars", "text", "must be at most 4000 characters, got 4001")]
    [InlineData("first problem wins", "userId", "is required")]
    public void Refuses_bad_input_naming_field_and_reason(string @case, string field, string reason)
    {
        var (e, problem) = validator.Validate(Bad[@case]);

        Assert.Null(e);
        Assert.Equal(new FieldProblem(field, reason), problem);
    }

    [Fact]
    public void Emoji_in_id_is_reported_whole()
    {
        var (_, problem) = validator.Validate(Good with { EventId = "ev-😀" });

        Assert.Equal(new FieldProblem("eventId", "contains '😀'" + Allowed), problem);
    }

    [Fact]
    public void Emoji_in_id_is_refused()
    {
        var (e, problem) = validator.Validate(Good with { EventId = "ev-😀" });

        Assert.Null(e);
        Assert.Equal("eventId", problem!.Field);
    }

    [Fact]
    public void Accepts_good_input_and_copies_every_field()
    {
        var input = new EventInput("ev-1", "user-1", "item-1", "dwell", Now.AddMinutes(-1), "mobile", 42.5, 3.25, "great read");

        var (e, problem) = validator.Validate(input);

        Assert.Null(problem);
        Assert.Equal(new Interaction("ev-1", "user-1", "item-1", EventType.Dwell, Now.AddMinutes(-1), "mobile", 42.5, 3.25, "great read"), e);
    }

    [Theory]
    [InlineData("impression", EventType.Impression)]
    [InlineData("view", EventType.View)]
    [InlineData("click", EventType.Click)]
    [InlineData("like", EventType.Like)]
    [InlineData("share", EventType.Share)]
    [InlineData("comment", EventType.Comment)]
    [InlineData("dislike", EventType.Dislike)]
    [InlineData("conversion", EventType.Conversion)]
    [InlineData("Click", EventType.Click)]      // names the engine defines (types, tags, channels) ignore case; ids do not
    [InlineData("LIKE", EventType.Like)]
    public void Parses_every_type_name(string name, EventType expected)
    {
        var (e, _) = validator.Validate(Good with { Type = name });

        Assert.Equal(expected, e!.Type);
    }

    [Fact]
    public void Id_of_exactly_128_chars_with_every_allowed_symbol_is_accepted()
    {
        var id = ("aZ09_-.:@" + new string('x', 128)).Substring(0, 128);

        var (e, problem) = validator.Validate(Good with { EventId = id, UserId = id, ItemId = id });

        Assert.Null(problem);
        Assert.Equal(128, e!.EventId.Length);
    }

    [Fact]
    public void Text_of_exactly_4000_chars_is_accepted()
    {
        var (e, problem) = validator.Validate(Good with { Text = new string('t', 4000) });

        Assert.Null(problem);
        Assert.Equal(4000, e!.Text!.Length);
    }

    [Theory]
    [InlineData(4 * 60)]
    [InlineData(5 * 60)] // the limit itself is still accepted
    [InlineData(-30 * 24 * 3600)] // the past is never refused
    public void Timestamp_within_clock_skew_is_accepted(int secondsAhead)
    {
        var (e, problem) = validator.Validate(Good with { Timestamp = Now.AddSeconds(secondsAhead) });

        Assert.Null(problem);
        Assert.Equal(Now.AddSeconds(secondsAhead), e!.Timestamp);
    }

    [Fact]
    public void Timestamp_one_millisecond_past_the_skew_is_refused()
    {
        var (_, problem) = validator.Validate(Good with { Timestamp = Now.AddMinutes(5).AddMilliseconds(1) });

        Assert.Equal("timestamp", problem!.Field);
    }

    [Fact]
    public void Clock_is_read_at_validation_time()
    {
        var clock = new FakeTimeProvider(Now);
        var v = new EventValidator(clock);
        var input = Good with { Timestamp = Now.AddMinutes(6) };
        Assert.NotNull(v.Validate(input).Problem);

        clock.Now = Now.AddMinutes(2);

        Assert.Null(v.Validate(input).Problem);
    }

    [Fact]
    public void Missing_channel_becomes_unknown_and_missing_dwell_becomes_zero()
    {
        var (e, _) = validator.Validate(Good with { Channel = null, DwellSeconds = null });

        Assert.Equal("unknown", e!.Channel);
        Assert.Equal(0, e.DwellSeconds);
    }

    [Fact]
    public void Timestamp_is_converted_to_utc()
    {
        var local = new DateTimeOffset(2026, 1, 31, 12, 30, 0, TimeSpan.FromHours(2));

        var (e, _) = validator.Validate(Good with { Timestamp = local });

        Assert.Equal(TimeSpan.Zero, e!.Timestamp.Offset);
        Assert.Equal(new DateTime(2026, 1, 31, 10, 30, 0), e.Timestamp.DateTime);
    }

    [Fact]
    public void Zero_dwell_is_accepted_for_a_dwell_event()
    {
        var (e, problem) = validator.Validate(Good with { Type = "dwell", DwellSeconds = 0 });

        Assert.Null(problem);
        Assert.Equal(EventType.Dwell, e!.Type);
    }

    [Fact]
    public void Refusal_reasons_can_be_written_as_json()
    {
        var (_, problem) = validator.Validate(Good with { EventId = "ev\u0007" });

        var json = JsonSerializer.Serialize(problem);

        Assert.Contains("\\\\u0007", json); // the escaped backslash of the printable form
    }
}
