using ContentGrains.Core.Catalog;
using ContentGrains.Core.Ranking;

namespace ContentGrains.Core.Tests.Ranking;

/// <summary>The ranking's sort gives the order of the comparison it replaced: higher score first, equal scores by item id (ordinal).</summary>
public sealed class BestFirstTests
{
    [Theory]
    [InlineData(500, 40)]   // many ties
    [InlineData(500, 100_000)] // almost none
    [InlineData(1, 10)]
    [InlineData(0, 10)]
    public void Sorts_as_the_comparison_did(int count, int distinctScores)
    {
        var random = new Random(count + distinctScores);
        var ids = Enumerable.Range(0, Math.Max(count, 1)).Select(i => $"item-{random.Next(1_000_000):D7}-{i}").ToList();
        var catalog = new CatalogSnapshot(1, ids.Select(id => new CatalogEntry(id, [], [], null, default, 0)).ToList(), DateTimeOffset.UnixEpoch, TimeSpan.FromDays(1));
        var ranked = Enumerable.Range(0, count).Select(i =>
        {
            var score = random.Next(distinctScores) / 7.0 - 3;
            if (i % 97 == 0) score = i % 2 == 0 ? 0.0 : -0.0; // −0 and +0 are equal scores
            return new ScoredCandidate(catalog.IndexOf(ids[i]), score, 0, 0, null, 0, 0);
        }).ToList();
        var expected = ranked.ToList();
        expected.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score)
            : string.CompareOrdinal(catalog.Entries[a.Entry].ItemId, catalog.Entries[b.Entry].ItemId));

        BestFirst.Sort(ranked, catalog);

        Assert.Equal(expected.Select(c => c.Entry), ranked.Select(c => c.Entry));
        Assert.Equal(expected, ranked);
    }
}
