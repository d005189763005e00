using System.Text.Json;
using ContentGrains.Core.Events;

namespace ContentGrains.Core.Tests.Variants;

/// <summary>Events carry the headline variant the person saw: read from JSON, validated like an id, kept on the interaction.</summary>
public class VariantEventTests
{
    private static readonly EventValidator Validator = new(new FakeTimeProvider(Given.T0));

    private static EventInput Input(string? variant) =>
        new("e1", "u1", "i1", "click", Given.T0.AddMinutes(-1), "web", null, null, null, variant);

    [Fact]
    public void The_variant_is_read_from_json_and_kept_on_the_interaction()
    {
        using var doc = JsonDocument.Parse("""{"eventId":"e1","userId":"u1","itemId":"i1","type":"click","timestamp":"2026-01-31T11:59:00Z","variant":"b"}""");
        var (input, problem) = EventJson.Read(doc.RootElement.Clone());

        Assert.Null(problem);
        Assert.Equal("b", input!.Variant);
        Assert.Equal("b", Validator.Validate(input).Event!.Variant);
    }

    [Fact]
    public void No_variant_is_fine_and_a_bad_one_is_refused_by_name()
    {
        Assert.Null(Validator.Validate(Input(null)).Event!.Variant);
        Assert.Equal(new FieldProblem("variant", "contains '/'; allowed are ASCII letters (a-z, A-Z), digits and _ - . : @"), Validator.Validate(Input("a/b")).Problem);
        Assert.Equal(new FieldProblem("variant", "is required"), Validator.Validate(Input("")).Problem);
    }

    [Fact]
    public void A_variant_of_the_wrong_json_type_is_named()
    {
        using var doc = JsonDocument.Parse("""{"variant":3}""");

        Assert.Equal(new FieldProblem("variant", "must be a string, got number"), EventJson.Read(doc.RootElement.Clone()).Problem);
    }
}
