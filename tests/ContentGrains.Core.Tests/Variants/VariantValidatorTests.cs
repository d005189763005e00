using ContentGrains.Core.Events;
using ContentGrains.Core.Items;
using ContentGrains.Core.Variants;

namespace ContentGrains.Core.Tests.Variants;

public class VariantValidatorTests
{
    private static (IReadOnlyList<HeadlineVariant> Variants, List<FieldProblem> Problems) Validate(params VariantInput?[] inputs)
    {
        var problems = new List<FieldProblem>();
        return (VariantValidator.Validate(inputs, problems), problems);
    }

    [Fact]
    public void Good_variants_are_kept_in_order_with_trimmed_text()
    {
        var (variants, problems) = Validate(new VariantInput("a", " Plain ", null, null), new VariantInput("b", "Punchy", "https://img.example/b.jpg", " Short. "));

        Assert.Empty(problems);
        Assert.Equal([new HeadlineVariant("a", "Plain", null, null), new HeadlineVariant("b", "Punchy", "https://img.example/b.jpg", "Short.")], variants);
    }

    [Fact]
    public void Each_bad_field_is_named_with_its_reason()
    {
        var (variants, problems) = Validate(
            new VariantInput("a", "One", null, null), new VariantInput("a", "Two", null, null), new VariantInput("c d", "Three", null, null),
            new VariantInput("e", "  ", null, null), new VariantInput("f", "Six", "ftp://x/y.png", null),
            new VariantInput("g", new string('x', 301), null, null), null);

        Assert.Empty(variants);
        Assert.Equal([
            new FieldProblem("variants[1].id", "'a' is used by an earlier variant; ids must be unique"),
            new FieldProblem("variants[2].id", "contains ' '; allowed are ASCII letters (a-z, A-Z), digits and _ - . : @"),
            new FieldProblem("variants[3].headline", "is required"),
            new FieldProblem("variants[4].thumbnailUrl", "must be an absolute http or https URL"),
            new FieldProblem("variants[5].headline", "must be at most 300 characters, got 301"),
            new FieldProblem("variants[6]", "must be an object"),
        ], problems);
    }

    [Fact]
    public void A_test_needs_two_to_ten_variants()
    {
        Assert.Equal(new FieldProblem("variants", "must have at least 2 entries to compare, got 1"), Validate(new VariantInput("a", "One", null, null)).Problems.Single());
        var eleven = Enumerable.Range(0, 11).Select(i => (VariantInput?)new VariantInput($"v{i}", "H", null, null)).ToArray();
        Assert.Equal(new FieldProblem("variants", "must have at most 10 entries, got 11"), Validate(eleven).Problems.Single());
        Assert.Empty(Validate().Problems);
    }

    [Fact]
    public void The_item_validator_keeps_the_variants_and_reports_theirs_with_its_own()
    {
        var input = new ItemInput("Title", null, null, null, null, null, null, [new VariantInput("a", "One", null, null), new VariantInput("b", "Two", null, null)]);

        var (item, problems) = ItemValidator.Validate("item-1", input);
        Assert.Empty(problems);
        Assert.Equal(["a", "b"], item!.Variants!.Select(v => v.Id));

        var (_, bad) = ItemValidator.Validate("item-1", input with { Variants = [new VariantInput("a", "One", null, null), new VariantInput("a", "Two", null, null)] });
        Assert.Equal("variants[1].id", bad.Single().Field);
    }
}
