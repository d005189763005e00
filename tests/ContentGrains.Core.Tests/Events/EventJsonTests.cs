using System.Text.Json;
using ContentGrains.Core.Events;

namespace ContentGrains.Core.Tests.Events;

public class EventJsonTests
{
    private static (EventInput? Input, FieldProblem? Problem) Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return EventJson.Read(doc.RootElement.Clone());
    }

    [Fact]
    public void Reads_every_field()
    {
        var (input, problem) = Read("""
            {"eventId":"e1","userId":"u1","itemId":"i1","type":"dwell","timestamp":"2026-01-31T12:00:00Z",
             "channel":"web","dwellSeconds":42.5,"value":-1.25,"text":"hi"}
            """);

        Assert.Null(problem);
        Assert.Equal(new EventInput("e1", "u1", "i1", "dwell", new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero),
            "web", 42.5, -1.25, "hi"), input);
    }

    [Theory]
    [InlineData("""{"dwellSeconds":"abc"}""", "dwellSeconds", "must be a number, got string")]
    [InlineData("""{"value":true}""", "value", "must be a number, got true")]
    [InlineData("""{"value":[1]}""", "value", "must be a number, got array")]
    [InlineData("""{"eventId":123}""", "eventId", "must be a string, got number")]
    [InlineData("""{"userId":{"id":"u"}}""", "userId", "must be a string, got object")]
    [InlineData("""{"itemId":false}""", "itemId", "must be a string, got false")]
    [InlineData("""{"type":["click"]}""", "type", "must be a string, got array")]
    [InlineData("""{"channel":7}""", "channel", "must be a string, got number")]
    [InlineData("""{"text":1.5}""", "text", "must be a string, got number")]
    [InlineData("""{"timestamp":true}""", "timestamp", "must be a string or a number, got true")]
    [InlineData("""{"timestamp":{}}""", "timestamp", "must be a string or a number, got object")]
    [InlineData("""{"timestamp":"yesterday"}""", "timestamp",
        "must be an ISO-8601 date-time (e.g. 2026-01-31T12:00:00Z) or seconds since 1970")]
    [InlineData("""{"timestamp":253402300800}""", "timestamp", "is out of range for seconds since 1970")]
    [InlineData("""{"eventId":"ok","dwellSeconds":"1","value":"2"}""", "dwellSeconds", "must be a number, got string")]
    public void Wrong_type_is_reported_against_its_field(string json, string field, string reason)
    {
        var (input, problem) = Read(json);

        Assert.Null(input);
        Assert.Equal(new FieldProblem(field, reason), problem);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"e1\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void Non_object_element_is_refused(string json)
    {
        var (input, problem) = Read(json);

        Assert.Null(input);
        Assert.Equal(new FieldProblem("event", "must be a JSON object"), problem);
    }

    [Fact]
    public void Iso_timestamp_with_offset_is_the_same_instant_in_utc()
    {
        var (input, _) = Read("""{"timestamp":"2026-01-31T14:30:00+02:00"}""");

        Assert.Equal(new DateTimeOffset(2026, 1, 31, 12, 30, 0, TimeSpan.Zero), input!.Timestamp);
        Assert.Equal(TimeSpan.Zero, input.Timestamp!.Value.Offset);
    }

    [Fact]
    public void Iso_timestamp_without_zone_is_taken_as_utc()
    {
        var (input, _) = Read("""{"timestamp":"2026-01-31T12:00:00"}""");

        Assert.Equal(new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero), input!.Timestamp);
    }

    [Fact]
    public void Iso_timestamp_keeps_milliseconds()
    {
        var (input, _) = Read("""{"timestamp":"2026-01-31T12:00:00.123Z"}""");

        Assert.Equal(new DateTimeOffset(2026, 1, 31, 12, 0, 0, 123, TimeSpan.Zero), input!.Timestamp);
    }

    [Theory]
    [InlineData("1764400000", "2025-11-29T07:06:40.000Z")]
    [InlineData("1764400000.5", "2025-11-29T07:06:40.500Z")]
    [InlineData("0", "1970-01-01T00:00:00.000Z")]
    [InlineData("-86400", "1969-12-31T00:00:00.000Z")]
    [InlineData("253402300799", "9999-12-31T23:59:59.000Z")]
    [InlineData("-62135596800", "0001-01-01T00:00:00.000Z")]
    public void Numeric_timestamp_is_unix_seconds(string number, string expected)
    {
        var (input, problem) = Read($$"""{"timestamp":{{number}}}""");

        Assert.Null(problem);
        Assert.Equal(DateTimeOffset.Parse(expected), input!.Timestamp);
        Assert.Equal(TimeSpan.Zero, input.Timestamp!.Value.Offset);
    }

    [Fact]
    public void Unknown_fields_are_ignored_whatever_their_type()
    {
        var (input, problem) = Read("""
            {"eventId":"e1","device":{"os":"ios"},"tags":[1,2],"score":"high","type":"click"}
            """);

        Assert.Null(problem);
        Assert.Equal(new EventInput("e1", null, null, "click", null, null, null, null, null), input);
    }

    [Fact]
    public void Field_names_are_case_sensitive()
    {
        var (input, problem) = Read("""{"EventId":"e1","USERID":"u1"}""");

        Assert.Null(problem);
        Assert.Null(input!.EventId);
        Assert.Null(input.UserId);
    }

    [Fact]
    public void Nulls_are_treated_as_missing()
    {
        var (input, problem) = Read("""
            {"eventId":null,"userId":null,"itemId":null,"type":null,"timestamp":null,
             "channel":null,"dwellSeconds":null,"value":null,"text":null}
            """);

        Assert.Null(problem);
        Assert.Equal(new EventInput(null, null, null, null, null, null, null, null, null), input);
    }

    [Fact]
    public void Empty_object_gives_an_all_missing_input()
    {
        var (input, problem) = Read("{}");

        Assert.Null(problem);
        Assert.Equal(new EventInput(null, null, null, null, null, null, null, null, null), input);
    }

    [Fact]
    public void Timestamp_before_year_1_is_a_field_problem()
    {
        var (input, problem) = Read("""{"timestamp":-100000000000}""");

        Assert.Null(input);
        Assert.Equal(new FieldProblem("timestamp", "is out of range for seconds since 1970"), problem);
    }

    [Fact]
    public void Number_too_large_for_a_double_reads_as_infinity_and_the_validator_refuses_it()
    {
        var (input, problem) = Read("""
            {"eventId":"e1","userId":"u1","itemId":"i1","type":"dwell","timestamp":1764400000,"dwellSeconds":1e400}
            """);

        Assert.Null(problem);
        Assert.Equal(double.PositiveInfinity, input!.DwellSeconds);
        Assert.Equal(new FieldProblem("dwellSeconds", "must be a finite number"),
            new EventValidator(new FakeTimeProvider(Given.T0)).Validate(input).Problem);
    }

    [Fact]
    public void Numeric_timestamp_too_large_for_a_double_is_a_field_problem()
    {
        var (input, problem) = Read("""{"timestamp":1e400}""");

        Assert.Null(input);
        Assert.Equal(new FieldProblem("timestamp", "is out of range for seconds since 1970"), problem);
    }

    [Fact]
    public void Read_then_validate_gives_the_interaction()
    {
        var (input, _) = Read("""
            {"eventId":"e1","userId":"u1","itemId":"i1","type":"like","timestamp":1764400000}
            """);

        var (e, problem) = new EventValidator(new FakeTimeProvider(Given.T0)).Validate(input!);

        Assert.Null(problem);
        Assert.Equal(new Interaction("e1", "u1", "i1", EventType.Like,
            new DateTimeOffset(2025, 11, 29, 7, 6, 40, TimeSpan.Zero), "unknown", 0, null, null), e);
    }

    /// <summary>Reads every element of a batch as POST /v1/events does: straight from the bytes, one reader for the whole array.</summary>
    private static List<(EventInput? Input, FieldProblem? Problem, List<string> Unknown)> ReadBatch(string json)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        reader.Read();
        var events = new List<(EventInput?, FieldProblem?, List<string>)>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var unknown = new List<string>();
            var (input, problem) = EventJson.Read(ref reader, unknown);
            events.Add((input, problem, unknown));
        }
        return events;
    }

    [Fact]
    public void A_bad_event_in_a_batch_is_skipped_whole_and_the_next_one_reads_from_its_own_start()
    {
        var events = ReadBatch("""
            [{"eventId":"a","value":{"nested":[1,{"eventId":"x"}]},"userId":"not-read"},
             {"eventId":"b","zzz":{"deep":[1,2]},"userId":"u2"},
             5,
             ["c"],
             {"eventId":"d","type":"click"}]
            """);

        Assert.Equal(5, events.Count);
        Assert.Equal((null, new FieldProblem("value", "must be a number, got object")), (events[0].Input, events[0].Problem));
        Assert.Equal(new EventInput("b", "u2", null, null, null, null, null, null, null), events[1].Input);
        Assert.Equal(["zzz"], events[1].Unknown);
        Assert.Equal(new FieldProblem("event", "must be a JSON object"), events[2].Problem);
        Assert.Equal(new FieldProblem("event", "must be a JSON object"), events[3].Problem);
        Assert.Equal(new EventInput("d", null, null, "click", null, null, null, null, null), events[4].Input);
    }

    [Theory]
    [InlineData("2026-01-31T12:00:00.123Z")]
    [InlineData("2026-01-31T12:00:00.123+00:00")]
    [InlineData("2026-01-31T13:00:00.123+01:00")]
    [InlineData("2026-01-31 12:00:00.123")]
    public void Every_form_of_the_same_instant_reads_as_the_same_utc_timestamp(string timestamp)
    {
        var (input, problem) = Read($$"""{"timestamp":"{{timestamp}}"}""");

        Assert.Null(problem);
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 12, 0, 0, 123, TimeSpan.Zero), input!.Timestamp);
        Assert.Equal(TimeSpan.Zero, input.Timestamp!.Value.Offset);
    }

    [Fact]
    public void An_escaped_field_name_is_the_field()
    {
        var (input, problem) = Read("""{"event\u0049d":"e1","user\u0049d":7}""");

        Assert.Null(input);
        Assert.Equal(new FieldProblem("userId", "must be a string, got number"), problem);
    }
}
