using ContentGrains.Core.Catalog;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Live;
using ContentGrains.Core.Vectors;
using static ContentGrains.Core.Tests.Feed.FeedCatalog;

namespace ContentGrains.Core.Tests.Feed;

/// <summary>
/// The feed's retrieval path: an embedding model with a vector index pools its candidates by index search and scores
/// only the pooled ones. Hand case, 2 dimensions (input = output vectors, exact in f16): a (1, 0), b (0.875, 0.125),
/// c (0, 1), d (0.125, 0.875), e (−1, 0), f (0.75, 0.75). History [a] gives the person (1, 0): b 0.875, f 0.75,
/// d 0.125, c 0, e −1.
/// </summary>
[Collection(ProcessMemoryCollection.Name)]
public class RetrievalFeedTests
{
    private static readonly string[] Ids = ["a", "b", "c", "d", "e", "f"];
    private static readonly float[] Vectors = [1, 0, 0.875f, 0.125f, 0, 1, 0.125f, 0.875f, -1, 0, 0.75f, 0.75f];

    private static readonly FeedSettings ModelOnly = new()
    {
        ModelWeight = 1, InterestWeight = 0, PopularityWeight = 0, FreshnessWeight = 0, DiversityWeight = 0, ExplorationSlots = 0,
        RecentItemsForSimilar = 0, TopInterestTags = 0, PopularCandidates = 0, FreshCandidates = 0,
    };

    private static CatalogSnapshot Catalog(int items) => Snapshot([.. Enumerable.Range(0, items).Select(i => Item(i < Ids.Length ? Ids[i] : $"i{i}", title: $"T{i}"))]);

    private static FeedUser Watched(params string[] history) => new("viewer", [], new HashSet<string>(history), history);

    [Fact]
    public void The_index_finds_the_top_allowed_items_and_scores_are_the_dot_products_scaled()
    {
        var model = VectorModels.Of(Ids, Vectors, 2);

        var feed = new FeedPipeline(ModelOnly with { ModelCandidates = 3 }).Build(Catalog(6), model, Watched("a"), Now, 10, null);

        // Only the 3 retrieved (a is seen): b 0.875 / 0.875 = 1, f 0.75 / 0.875 = 0.857143, d 0.125 / 0.875 = 0.142857.
        Assert.Equal([("b", 1.0), ("f", 0.857143), ("d", 0.142857)], feed.Select(r => (r.ItemId, r.Score)));
        Assert.Equal("feed-v1:embedding", FeedPipeline.NameOf(model));
    }

    [Fact]
    public void A_section_pools_its_own_tags_items_and_the_model_ranks_them()
    {
        var model = VectorModels.Of(Ids, Vectors, 2);
        // The section "s" holds c, e and f (and the seen a); the model's own top items (b, d) are outside it.
        var catalog = Snapshot([.. Ids.Select(id => Item(id, tags: id is "a" or "c" or "e" or "f" ? ["s"] : ["other"]))]);
        var section = Core.Candidates.ItemFilter.Parse("s", null, null).Filter;

        var feed = new FeedPipeline(ModelOnly).Build(catalog, model, Watched("a"), Now, 10, null, filter: section);

        // Ranked by the model's score over the largest |score| pooled (e's 1): f 0.75, c 0, e −1.
        Assert.Equal([("f", 0.75), ("c", 0.0), ("e", -1.0)], feed.Select(r => (r.ItemId, r.Score)));
    }

    [Fact]
    public void Because_you_watched_comes_from_the_vector_neighbours_of_the_recent_items()
    {
        var model = VectorModels.Of(Ids, Vectors, 2);
        var settings = ModelOnly with { ModelCandidates = 0, RecentItemsForSimilar = 2, SimilarPerRecentItem = 1 };

        // History [c, a]: c's nearest other allowed vector is d (0.875), a's is b (0.875); neither c nor a is offered again.
        var feed = new FeedPipeline(settings).Build(Catalog(6), model, Watched("c", "a"), Now, 10, null);

        Assert.Equal(["b", "d"], feed.Select(r => r.ItemId).Order());
        Assert.All(feed, r => Assert.StartsWith("because you watched", r.Reason));
    }

    [Fact]
    public void Similar_items_are_the_nearest_vectors_with_their_cosine()
    {
        var model = VectorModels.Of(Ids, Vectors, 2);

        var similar = SimilarItems.Find(Catalog(6), model, "a", 2, null)!;

        // Inner products with a: b 0.875, f 0.75. Cosines: b 0.875 / √0.78125 = 0.989949, f 0.75 / √1.125 = 0.707107.
        Assert.Equal([("b", 0.989949), ("f", 0.707107)], similar.Select(r => (r.ItemId, r.Score)));
        Assert.Equal(0.989949, model.Cosine(0, 1), 5);
    }

    [Fact]
    public void On_a_small_catalog_retrieval_gives_the_same_feed_as_dense_scoring()
    {
        const int items = 500, d = 16;
        var ids = Enumerable.Range(0, items).Select(i => $"i{i}").ToArray();
        var vectors = VectorModels.Random(items, d, seed: 7);
        var retrieving = VectorModels.Of(ids, vectors, d);
        var dense = VectorModels.Of(ids, vectors, d, withIndex: false);
        var catalog = Snapshot([.. ids.Select(id => Item(id))]);
        var settings = ModelOnly with { ModelCandidates = 50 };

        foreach (var history in new[] { new[] { "i1" }, ["i10", "i20", "i30"], ["i499", "i0", "i250", "i3", "i77"] })
        {
            var user = Watched(history);
            var viaIndex = new FeedPipeline(settings).Build(catalog, retrieving, user, Now, 20, null);
            var viaDense = new FeedPipeline(settings).Build(catalog, dense, user, Now, 20, null);
            Assert.Equal(20, viaIndex.Count);
            Assert.Equal(viaDense, viaIndex);
        }
    }

    [Fact]
    public void Kept_neighbour_lists_give_the_same_feeds_as_searching_the_index_for_every_recent_item()
    {
        // 3,000 items in 30 tight clusters, people whose histories sit in one cluster: recent items' nearest neighbours
        // are often seen already, and a quarter of the items are app-only, so the filter refuses part of each kept list.
        const int items = 3_000, d = 16;
        var random = new Random(9);
        var centres = VectorModels.Random(30, d, seed: 4);
        var vectors = new float[items * d];
        for (var i = 0; i < vectors.Length; i++) vectors[i] = centres[i / d % 30 * d + i % d] + 0.2f * (float)(random.NextDouble() - 0.5);
        var ids = Enumerable.Range(0, items).Select(i => $"i{i}").ToArray();
        var kept = VectorModels.Of(ids, vectors, d);
        var searched = VectorModels.Of(ids, vectors, d, builder: new VectorModels.SearchOnlyBuilder());
        var catalog = Snapshot([.. ids.Select((id, i) => Item(id, popularity: 1 + i % 89, tags: [$"t{i % 30}"], channels: i % 4 == 0 ? ["app"] : null, publishedHoursAgo: i % 300))]);
        var pipeline = new FeedPipeline(new FeedSettings());

        for (var person = 0; person < 60; person++)
        {
            var cluster = random.Next(30);
            var history = Enumerable.Range(0, 5 + random.Next(60)).Select(_ => ids[cluster + 30 * random.Next(items / 30 / 4)]).Distinct().ToArray();
            var user = new FeedUser($"p{person}", Interests(($"t{cluster}", 2)), history.ToHashSet(), history);
            var channel = person % 3 == 0 ? "web" : null;

            Assert.Equal(pipeline.Build(catalog, searched, user, Now, 20, channel), pipeline.Build(catalog, kept, user, Now, 20, channel));
        }
        Assert.InRange(kept.Retrieval!.Neighbours.Kept, 100, items);
        Assert.Equal(0, searched.Retrieval!.Neighbours.Kept);
    }

    [Fact]
    public void One_feed_allocates_the_same_bound_at_10k_and_100k_items()
    {
        var small = AllocatedByOneFeed(10_000);
        var large = AllocatedByOneFeed(100_000);

        // Candidates, not the catalog, set the allocation: 10 times the items may not cost even 10 % more.
        Assert.True(large < 256 * 1024, $"one feed over 100,000 items allocated {large:N0} bytes");
        Assert.True(large < small * 1.1 + 4096, $"one feed allocated {small:N0} bytes at 10,000 items and {large:N0} at 100,000");
    }

    private static long AllocatedByOneFeed(int items)
    {
        const int d = 32;
        var ids = Enumerable.Range(0, items).Select(i => $"i{i}").ToArray();
        var model = VectorModels.Of(ids, VectorModels.Random(items, d, seed: 3), d);
        var catalog = Snapshot([.. ids.Select((id, i) => Item(id, popularity: 1 + i % 97, tags: [$"t{i % 50}"], publishedHoursAgo: i % 500))]);
        var user = new FeedUser("viewer", Interests(("t1", 3), ("t2", 1)), new HashSet<string>(["i5", "i6"]), ["i5", "i6", "i7"]);
        var pipeline = new FeedPipeline(new FeedSettings());
        for (var warm = 0; warm < 3; warm++) pipeline.Build(catalog, model, user, Now, 20, null); // the model-catalog link, pools
        var before = GC.GetAllocatedBytesForCurrentThread();
        var feed = pipeline.Build(catalog, model, user, Now, 20, null);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(20, feed.Count);
        return allocated;
    }

    [Fact]
    public void Item_vectors_are_held_and_stored_in_f16_so_the_artifact_is_256_bytes_per_item_at_64_dimensions()
    {
        var ids = Enumerable.Range(0, 1000).Select(i => $"i{i}").ToArray();
        var vectors = VectorModels.Random(ids.Length, 64, seed: 5);
        var model = VectorModels.Of(ids, vectors, 64, withIndex: false);

        Assert.Equal((float)(Half)vectors[7], model.Embedding!.ItemVectors[7]); // rounded when made: served = stored
        Assert.Equal(model.Embedding.ItemVectors.ToArray(), LiveModel.FromBytes(model.ToBytes()).Embedding!.ItemVectors.ToArray());
        var bytes = model.ToBytes().Length;
        Assert.InRange(bytes, 1000 * 256, 1000 * 256 + 20_000); // 2 × 64 × 2 bytes per item, plus ids and headers
    }

    [Fact]
    public void An_index_that_does_not_cover_the_model_is_refused_when_built()
    {
        var embedding = VectorModels.Of(Ids, Vectors, 2, withIndex: false).Embedding!;

        var error = Assert.Throws<InvalidDataException>(() => ItemRetrieval.Build(embedding, new ShortIndexBuilder()));

        Assert.Contains("holds 5 × 2, the model 6 × 2", error.Message);
    }

    [Fact]
    public void A_model_without_a_similarity_table_round_trips_and_only_an_embedding_may_lack_one()
    {
        var model = VectorModels.Of(Ids, Vectors, 2, withIndex: false);

        var copy = LiveModel.FromBytes(model.ToBytes());

        Assert.Null(copy.Similarity);
        Assert.Equal(model.ToBytes(), copy.ToBytes());
        Assert.Equal(model.Embedding!.ItemVectors.ToArray(), copy.Embedding!.ItemVectors.ToArray());
        var other = TwoClusters.Model();
        var error = Assert.Throws<ArgumentException>(() => new LiveModel("m", 1, Now, other.ItemIds, other.Scorer, null));
        Assert.Contains("only an embedding model may go without", error.Message);
    }

    /// <summary>Leaves the last item out of the index.</summary>
    private sealed class ShortIndexBuilder : IVectorIndexBuilder
    {
        public IVectorIndex Build(ReadOnlySpan<float> vectors, int dimensions) => new ExactVectorIndex(vectors[..^dimensions], dimensions);
    }
}
