using ContentGrains.Core.Evaluation;

namespace ContentGrains.Core.Tests.Evaluation;

public class TopKTests
{
    [Fact]
    public void Selects_the_highest_scores_best_first()
    {
        float[] scores = [0.1f, 0.9f, 0.3f, 0.7f, 0.5f];
        var top = new int[3];

        Assert.Equal(3, TopK.Select(scores, top));
        Assert.Equal([1, 3, 4], top);
    }

    [Fact]
    public void Ties_keep_the_lower_index_first()
    {
        float[] scores = [1f, 2f, 2f, 1f, 2f];
        var top = new int[4];

        TopK.Select(scores, top);

        Assert.Equal([1, 2, 4, 0], top);
    }

    [Fact]
    public void Skips_excluded_items_and_reports_a_short_list()
    {
        float[] scores = [float.NegativeInfinity, 3f, float.NaN, -5f];
        var top = new int[3];

        Assert.Equal(2, TopK.Select(scores, top));
        Assert.Equal([1, 3], top[..2]);
    }

    [Fact]
    public void Matches_a_full_sort_on_random_scores()
    {
        var random = new Random(7);
        var scores = Enumerable.Range(0, 1000).Select(_ => (float)random.Next(200)).ToArray();
        var expected = Enumerable.Range(0, scores.Length)
            .OrderByDescending(i => scores[i]).ThenBy(i => i).Take(20).ToArray();
        var top = new int[20];

        TopK.Select(scores, top);

        Assert.Equal(expected, top);
    }

    [Fact]
    public void A_filter_answers_as_if_refused_items_scored_minus_infinity_ties_included()
    {
        // Scores drawn from 200 values over 1,000 items: many ties, which must still go to the lower index.
        var random = new Random(11);
        var scores = Enumerable.Range(0, 1000).Select(_ => (float)random.Next(200)).ToArray();
        Func<int, bool> allow = i => i % 4 != 1;
        var masked = scores.Select((s, i) => allow(i) ? s : float.NegativeInfinity).ToArray();
        var expected = new int[20];
        TopK.Select(masked, expected);
        var asked = 0;
        var top = new int[20];

        var count = TopK.Select(scores, top, i => { asked++; return allow(i); });

        Assert.Equal(20, count);
        Assert.Equal(expected, top);
        Assert.True(asked < 500, $"the filter was asked about {asked} of 1,000 items");
    }

    [Fact]
    public void On_a_long_list_a_filter_that_refuses_few_is_asked_about_little_more_than_k_items_and_answers_as_the_heap()
    {
        // 10,000 scores with ties, k = 200: the threshold path; the filter refuses one item in 25 (a person's seen items).
        var random = new Random(5);
        var scores = Enumerable.Range(0, 10_000).Select(_ => (float)random.Next(2_000)).ToArray();
        Func<int, bool> allow = i => i % 25 != 3;
        var expected = Enumerable.Range(0, scores.Length).Where(allow).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(200).ToArray();
        var (asked, top) = (0, new int[200]);

        Assert.Equal(200, TopK.Select(scores, top, i => { asked++; return allow(i); }));

        Assert.Equal(expected, top);
        Assert.InRange(asked, 200, 266); // the unfiltered best 266 at most, in order, until 200 pass
    }

    [Theory]
    [InlineData(33)]
    [InlineData(200)]
    public void Beyond_the_insertion_limit_the_heap_matches_a_full_sort_on_rising_and_random_scores_ties_included(int k)
    {
        Assert.True(k > TopK.InsertionLimit);
        var random = new Random(k);
        var rising = Enumerable.Range(0, 5_000).Select(i => (float)(i / 7 + random.Next(4))).ToArray(); // nearly every item enters
        var shuffled = Enumerable.Range(0, 5_000).Select(_ => (float)random.Next(300)).ToArray();
        shuffled[10] = float.NaN;
        shuffled[20] = float.NegativeInfinity;
        foreach (var scores in new[] { rising, shuffled })
        {
            var expected = Enumerable.Range(0, scores.Length).Where(i => float.IsFinite(scores[i]) || float.IsPositiveInfinity(scores[i]))
                .OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k).ToArray();
            var top = new int[k];

            Assert.Equal(k, TopK.Select(scores, top));
            Assert.Equal(expected, top);

            Func<int, bool> allow = i => i % 3 != 0;
            var filtered = Enumerable.Range(0, scores.Length).Where(i => allow(i) && !float.IsNaN(scores[i]) && !float.IsNegativeInfinity(scores[i]))
                .OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k).ToArray();
            Assert.Equal(k, TopK.Select(scores, top, allow));
            Assert.Equal(filtered, top);
        }
    }

    [Fact]
    public void The_heap_returns_a_short_list_best_first_when_fewer_items_qualify()
    {
        float[] scores = [3f, float.NaN, 1f, 3f, 2f];
        var top = new int[40];

        Assert.Equal(4, TopK.Select(scores, top));
        Assert.Equal([0, 3, 4, 2], top[..4]);
        Assert.Equal(1, TopK.Select(scores, top, i => i == 4));
        Assert.Equal(4, top[0]);
    }

    /// <summary>
    /// A long list and a large K take the threshold path (<see cref="TopK.ThresholdMinRowsPerK"/>); it must answer as a full
    /// sort does: ties to the lower index, −0 equal to +0, NaN and −∞ left out, scores rising along the list (a catalog laid
    /// out by topic), and all-equal scores (too many at the threshold: the heap answers).
    /// </summary>
    [Theory]
    [InlineData("random", 400)]
    [InlineData("ties", 400)]
    [InlineData("zeros", 300)]
    [InlineData("excluded", 400)]
    [InlineData("rising", 400)]
    [InlineData("equal", 200)]
    [InlineData("few finite", 300)]
    public void A_long_list_with_a_large_k_matches_a_full_sort(string shape, int k)
    {
        var random = new Random(shape.Length * 31 + k);
        var scores = Enumerable.Range(0, 10_005).Select(i => shape switch // not whole blocks of 8: the scalar tail too
        {
            "random" => (float)random.NextDouble(),
            "ties" => (float)random.Next(50),
            "zeros" => random.Next(3) switch { 0 => 0f, 1 => -0f, _ => (float)random.Next(-5, 5) * 1e-3f },
            "excluded" => random.Next(5) switch { 0 => float.NaN, 1 => float.NegativeInfinity, _ => (float)random.NextDouble() },
            "rising" => i * 0.5f,
            "equal" => 1f,
            "few finite" => i % 50 == 0 ? (float)random.NextDouble() : float.NegativeInfinity,
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        }).ToArray();
        var expected = Enumerable.Range(0, scores.Length).Where(i => !float.IsNaN(scores[i]) && !float.IsNegativeInfinity(scores[i]))
            .OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k).ToArray();
        var top = new int[k];

        var found = TopK.Select(scores, top);

        Assert.Equal(expected.Length, found);
        Assert.Equal(expected, top[..found]);
    }

    /// <summary>
    /// A catalog laid out by topic in turn (item i in topic i mod 100, as bench/feed-cost's) with the query's topic
    /// scoring highest: a sample of every 8th entry saw a quarter of the topics, and its threshold failed (the heap then
    /// answered). The hashed place in each 8 settles it, with the full sort's answer.
    /// </summary>
    [Theory]
    [InlineData(3, 400)]
    [InlineData(4, 400)]
    [InlineData(50, 80)]
    [InlineData(52, 80)]
    public void A_periodic_layout_is_selected_by_the_threshold_not_handed_to_the_heap(int topic, int k)
    {
        var random = new Random(topic);
        var scores = Enumerable.Range(0, 10_000).Select(i => (i % 100 == topic ? 1f : 0.3f * (i % 100) / 100f) + 0.1f * (float)random.NextDouble()).ToArray();
        var expected = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k).ToArray();
        var top = new int[k];

        Assert.Equal(k, TopK.SelectByThreshold(scores, top));
        Assert.Equal(expected, top);
    }
}
