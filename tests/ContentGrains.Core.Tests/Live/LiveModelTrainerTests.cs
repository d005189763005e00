using ContentGrains.Core.Events;
using ContentGrains.Core.Live;
using ContentGrains.Core.Tests.Feed;

namespace ContentGrains.Core.Tests.Live;

public class LiveModelTrainerTests
{
    [Theory]
    [InlineData("ease")]
    [InlineData("itemknn")]
    [InlineData("pop")]
    public void Trains_the_requested_kind_and_reports_what_it_read(string kind)
    {
        // The two-cluster log (14 views) plus an impression and a dislike, which are read but are not positives.
        Interaction[] extra = [Given.Event(EventType.Impression, "z", userId: "u9"), Given.Event(EventType.Dislike, "a", userId: "u6")];

        var (model, report) = LiveModelTrainer.Train("feed", 7, Given.T0, TwoClusters.Events().Concat(extra), kind);

        Assert.Equal(new TrainingReport(kind, 16, 6, 6, 14, report.Seconds), report);
        Assert.Equal(("feed", 7L, Given.T0, kind), (model.Name, model.Version, model.TrainedAt, model.Kind));
        Assert.Equal(["a", "b", "c", "d", "e", "f"], model.ItemIds);
        Assert.Equal(LiveModelTrainer.SimilarityNeighbours, model.Similarity.Neighbours);
    }

    [Fact]
    public void Similarity_is_the_cosine_of_the_positives()
    {
        var model = TwoClusters.Model("pop");

        Assert.Equal(TwoClusters.Cosine, model.Similarity.Weight(0, 1), 5);
        Assert.Equal(0.5, model.Similarity.Weight(0, 2), 5);
        Assert.Equal(0, model.Similarity.Weight(0, 3));
        // The neighbours of a, most similar first: W(b → a), W(c → a).
        Assert.Equal([(1, model.Similarity.Weight(1, 0)), (2, model.Similarity.Weight(2, 0))], model.Similarity.NeighboursOf(0).ToArray());
    }

    [Fact]
    public void Unknown_kind_is_refused_with_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => LiveModelTrainer.Train("m", 1, Given.T0, TwoClusters.Events(), "bpr"));

        Assert.Contains("unknown model kind 'bpr'", error.Message);
        Assert.Equal(["als", "content", "ease", "hybrid", "itemknn", "pop"], LiveModelTrainer.Kinds.Order());
    }

    [Fact]
    public void A_log_without_positives_cannot_be_trained_on()
    {
        Interaction[] events = [Given.Event(EventType.Impression, "a"), Given.Event(EventType.Dislike, "b")];

        Assert.Throws<InvalidOperationException>(() => LiveModelTrainer.Train("m", 1, Given.T0, events, "ease"));
        Assert.Throws<InvalidOperationException>(() => LiveModelTrainer.Train("m", 1, Given.T0, [], "ease"));
        // A view withdrawn by a later dislike leaves nothing either.
        Interaction[] withdrawn = [Given.Event(EventType.View, "a", Given.T0), Given.Event(EventType.Dislike, "a", Given.T0.AddMinutes(1))];
        Assert.Throws<InvalidOperationException>(() => LiveModelTrainer.Train("m", 1, Given.T0, withdrawn, "ease"));
    }
}

public class LiveContentModelTests
{
    [Fact]
    public void Content_kind_learns_from_the_catalog_tags_and_survives_the_artifact()
    {
        // g has no events, so the model (and its feature table) leaves it out. Over a-f: comedy in a, b, c (df 3: idf
        // ln(7/4) + 1 = 1.559616), drama in c, d (df 2: ln(7/3) + 1 = 1.847298), action in d, e, f; "space opera" (one
        // token) in e, f. History [a] = comedy alone, so b scores 1, c 1.559616 / √(1.559616² + 1.847298²), d 0.
        var side = CatalogSideFile.From([
            ("a", ["comedy"]), ("b", ["comedy"]), ("c", ["comedy", "drama"]), ("d", ["action", "drama"]), ("e", ["action", "space opera"]),
            ("f", ["action", "space opera"]), ("g", ["comedy", "drama"]),
        ]);
        var (model, _) = LiveModelTrainer.Train("feed", 1, Given.T0, TwoClusters.Events(), "content", side);
        var copy = LiveModel.FromBytes(model.ToBytes());

        var scores = new float[6];
        copy.Scorer.ScoreHistory([model.IndexOf("a")], scores);
        var byItem = model.ItemIds.Zip(scores).ToDictionary(p => p.First, p => p.Second);

        Assert.Equal("content", copy.Kind);
        Assert.Equal(1f, byItem["b"], 5);                         // the same unit vector as a
        Assert.Equal(0.645102f, byItem["c"], 5);
        Assert.Equal(0f, byItem["d"]);
        var original = new float[6];
        model.Scorer.ScoreHistory([model.IndexOf("a")], original);
        Assert.Equal(original, scores);
    }

    [Fact]
    public void Content_kind_without_side_information_names_what_it_misses()
    {
        var error = Assert.Throws<InvalidOperationException>(() => LiveModelTrainer.Train("feed", 1, Given.T0, TwoClusters.Events(), "content"));
        Assert.Contains("NAME.item", error.Message);
    }
}

public class LiveModelKindChoiceTests
{
    [Fact]
    public void Dense_kinds_stay_within_the_dense_range_and_other_kinds_at_any_size()
    {
        Assert.Equal(("ease", (string?)null), LiveModelTrainer.ChooseKind("ease", LiveModelTrainer.MaxDenseItems));
        Assert.Equal(("itemknn", (string?)null), LiveModelTrainer.ChooseKind("itemknn", 1_000_000));
    }

    [Fact]
    public void Beyond_the_dense_range_a_dense_kind_never_silently_becomes_item_knn()
    {
        // Core alone has no embedding kind (ContentGrains.Training registers it): the trainer fails and says why.
        var error = Assert.Throws<InvalidOperationException>(() => LiveModelTrainer.ChooseKind("hybrid", 5_001));
        Assert.Equal("model kind 'hybrid' holds items × items matrices and the catalog has 5,001 items (over 5,000); " +
                     "the 'embedding' kind that replaces it is not registered on this silo", error.Message);
    }
}
