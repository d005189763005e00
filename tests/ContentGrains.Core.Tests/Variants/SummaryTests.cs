using ContentGrains.Core.Text;
using ContentGrains.Core.Variants;

namespace ContentGrains.Core.Tests.Variants;

public class SummaryTests
{
    [Fact]
    public void Sentences_split_at_end_marks_before_a_capital_but_not_after_abbreviations()
    {
        var sentences = SentenceSplitter.Split("Dr. Smith met the U.S. team at 5 p.m. today. It rained! Did it? yes, it did.\nA new line starts here");

        Assert.Equal(["Dr. Smith met the U.S. team at 5 p.m. today.", "It rained!", "Did it? yes, it did.", "A new line starts here"], sentences);
    }

    /// <summary>A stand-in encoder with vectors chosen by hand: sentences starting "Alpha" → (1, 0), "Beta" → (0, 1), "Gamma" → (1, 1)/√2.</summary>
    private sealed class HandEncoder : ITextEncoder
    {
        public int Dimensions => 2;

        public float[][] Encode(IReadOnlyList<string> texts) => texts.Select(t => t.Split(' ')[0] switch
        {
            "Alpha" => new[] { 1f, 0f },
            "Beta" => new[] { 0f, 1f },
            _ => new[] { MathF.Sqrt(0.5f), MathF.Sqrt(0.5f) },
        }).ToArray();
    }

    [Fact]
    public void Candidates_are_ranked_by_cosine_to_the_mean_vector()
    {
        // The mean of (1,0), (0,1) and (1,1)/√2 points along (1,1): Gamma's cosine is 1, Alpha's and Beta's 1/√2.
        var text = "Alpha sentence with five words. Beta sentence with five words. Gamma sentence with five words. Tiny one.";

        var candidates = new ExtractiveSummarizer(new HandEncoder()).Candidates(text, 3);

        Assert.Equal([
            new SummaryCandidate("Gamma sentence with five words.", 1, 2),
            new SummaryCandidate("Alpha sentence with five words.", 0.707107, 0),
            new SummaryCandidate("Beta sentence with five words.", 0.707107, 1),
        ], candidates);
    }

    [Fact]
    public void Summaries_become_variants_after_an_original_control()
    {
        var offered = SummaryVariants.Offer("The title", null, [new("First summary sentence here.", 0.9, 3), new("Second summary sentence here.", 0.8, 0)]);

        Assert.Equal([
            new VariantInput("original", "The title", null, null),
            new VariantInput("summary-1", "The title", null, "First summary sentence here."),
            new VariantInput("summary-2", "The title", null, "Second summary sentence here."),
        ], offered);
        var again = SummaryVariants.Offer("The title", offered.Select(v => new HeadlineVariant(v.Id!, v.Headline!, null, v.Summary)).ToList(),
            [new("First summary sentence here.", 0.9, 3), new("Third one.", 0.5, 1)]);
        Assert.Equal(["original", "summary-1", "summary-2", "summary-3"], again.Select(v => v.Id));
    }
}
