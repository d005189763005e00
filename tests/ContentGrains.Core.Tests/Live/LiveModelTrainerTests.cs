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
        Assert.Equal(["als", "ease", "hybrid", "itemknn", "pop"], LiveModelTrainer.Kinds.Order());
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
