using ContentGrains.Core.Vectors;

namespace ContentGrains.Core.Tests.Vectors;

public sealed class ExactVectorIndexTests
{
    // Four 2-d items; query (1, 2) scores them 1·x + 2·y = 1, 4, −1, 3.
    private static readonly float[] Items = [1, 0, 0, 2, -1, 0, 1, 1];
    private static readonly float[] Query = [1, 2];

    [Fact]
    public void Returns_the_highest_inner_products_best_first_with_their_scores()
    {
        var index = new ExactVectorIndex(Items, 2);
        var keys = new int[3];
        var scores = new float[3];

        Assert.Equal(3, index.Search(Query, keys, scores));
        Assert.Equal([1, 3, 0], keys);
        Assert.Equal([4f, 3f, 1f], scores);
        Assert.Equal((4, 2), (index.Count, index.Dimensions));
    }

    [Fact]
    public void Allow_filters_out_items_and_the_next_best_take_their_place()
    {
        var index = new ExactVectorIndex(Items, 2);
        var keys = new int[2];
        var scores = new float[2];

        Assert.Equal(2, index.Search(Query, keys, scores, allow: key => key != 1));
        Assert.Equal([3, 0], keys);
        Assert.Equal([3f, 1f], scores);
    }

    [Fact]
    public void Returns_fewer_when_fewer_items_are_allowed_or_exist()
    {
        var index = new ExactVectorIndex(Items, 2);
        var keys = new int[10];
        var scores = new float[10];

        Assert.Equal(4, index.Search(Query, keys, scores));
        Assert.Equal([1, 3, 0, 2], keys[..4]);
        Assert.Equal(1, index.Search(Query, keys, scores, allow: key => key == 2));
        Assert.Equal((2, -1f), (keys[0], scores[0]));
        Assert.Equal(0, index.Search(Query, keys, scores, allow: _ => false));
    }

    [Fact]
    public void A_filtered_search_for_a_large_k_answers_as_the_scan_of_the_allowed_rows_ties_included()
    {
        // 3,000 rows of 4-d integer vectors laid out so that scores mostly rise with the key (as a catalog in topic order),
        // with many equal scores; k = 200 selects through the heap and, with a filter, through the unfiltered top 400 first.
        const int rows = 3_000, d = 4, k = 200;
        var random = new Random(17);
        var vectors = Enumerable.Range(0, rows * d).Select(i => (float)(i / d / 300 + random.Next(3))).ToArray();
        var index = new ExactVectorIndex(vectors, d);
        float[] query = [1, 0.5f, 0, 2];
        var all = Enumerable.Range(0, rows).Select(r => vectors.AsSpan(r * d, d).ToArray().Zip(query, (a, b) => a * b).Sum()).ToArray();

        foreach (var refused in new[] { 0.0, 0.3, 0.9, 0.995, 1.0 })
        {
            var blocked = Enumerable.Range(0, rows).Where(_ => random.NextDouble() < refused).ToHashSet();
            var expected = Enumerable.Range(0, rows).Where(r => !blocked.Contains(r)).OrderByDescending(r => all[r]).ThenBy(r => r).Take(k).ToArray();
            var (keys, scores) = (new int[k], new float[k]);

            var found = index.Search(query, keys, scores, key => !blocked.Contains(key));

            Assert.Equal(expected, keys[..found]);
            Assert.Equal(expected.Select(r => all[r]), scores[..found]);
        }
    }

    [Fact]
    public void An_empty_index_finds_nothing()
    {
        var index = new ExactVectorIndex([], 8);
        Assert.Equal(0, index.Search(new float[8], new int[5], new float[5]));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void Bad_input_names_the_argument_and_the_reason()
    {
        var index = new ExactVectorIndex(Items, 2);

        var wrongQuery = Assert.Throws<ArgumentException>(() => index.Search(new float[3], new int[1], new float[1]));
        Assert.Equal("query", wrongQuery.ParamName);
        Assert.Contains("3 dimensions, the index has 2", wrongQuery.Message);
        Assert.Equal("scores", Assert.Throws<ArgumentException>(() => index.Search(Query, new int[2], new float[1])).ParamName);
        Assert.Equal("query", Assert.Throws<ArgumentException>(() => index.Search([float.NaN, 1], new int[1], new float[1])).ParamName);
        Assert.Contains("whole number of 2-dimension rows", Assert.Throws<ArgumentException>(() => new ExactVectorIndex([1, 2, 3], 2)).Message);
        Assert.Equal("dimensions", Assert.Throws<ArgumentOutOfRangeException>(() => new ExactVectorIndex([], 0)).ParamName);
        Assert.Equal("vectors", Assert.Throws<ArgumentException>(() => new ExactVectorIndex([1, float.PositiveInfinity], 2)).ParamName);
    }

    [Fact]
    public void Matches_a_plain_scan_on_clustered_vectors()
    {
        const int d = 16;
        var rows = ClusteredVectors.Generate(2_000, d, clusters: 10, seed: 3);
        var query = ClusteredVectors.Queries(1, d, clusters: 10, seed: 3);
        var expected = Enumerable.Range(0, 2_000)
            .Select(i => (Key: i, Score: Enumerable.Range(0, d).Sum(j => (double)rows[i * d + j] * query[j])))
            .OrderByDescending(x => x.Score).Take(10).ToList();
        var keys = new int[10];
        var scores = new float[10];

        new ExactVectorIndex(rows, d).Search(query, keys, scores);

        Assert.Equal(expected.Select(x => x.Key), keys);
        for (var i = 0; i < 10; i++) Assert.Equal(expected[i].Score, scores[i], 3);
    }

    [Fact]
    public void A_filter_gives_the_plain_filtered_answer_and_is_asked_about_few_rows()
    {
        // 5,000 rows, every third refused: the answer is the top 10 of the allowed rows, as a filtered scan finds it,
        // but the filter is asked only about rows that would enter the top 10, not about all 5,000 (a feed's filter
        // is a hash lookup per row, which made the exact index cost grow with the catalog on the serving path).
        const int d = 16, n = 5_000;
        var rows = ClusteredVectors.Generate(n, d, clusters: 10, seed: 4);
        var query = ClusteredVectors.Queries(1, d, clusters: 10, seed: 4);
        var expected = Enumerable.Range(0, n).Where(i => i % 3 != 0)
            .Select(i => (Key: i, Score: Enumerable.Range(0, d).Sum(j => (double)rows[i * d + j] * query[j])))
            .OrderByDescending(x => x.Score).Take(10).Select(x => x.Key).ToList();
        var asked = 0;
        var keys = new int[10];
        var scores = new float[10];

        var found = new ExactVectorIndex(rows, d).Search(query, keys, scores, allow: key => { asked++; return key % 3 != 0; });

        Assert.Equal(10, found);
        Assert.Equal(expected, keys);
        Assert.InRange(asked, 10, n / 10);
    }
}
