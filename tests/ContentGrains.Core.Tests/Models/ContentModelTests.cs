using ContentGrains.Core.Data;
using ContentGrains.Core.Models;

namespace ContentGrains.Core.Tests.Models;

public class ContentModelTests
{
    // A: Comedy; B: Comedy Romance; C: Action; D: not in the file.
    private const string ItemFile = "item_id:token\tclass:token_seq\nA\tComedy\nB\tComedy Romance\nC\tAction\n";

    private static ModelContext Context(string? itemFile = ItemFile)
    {
        var users = new IdMap();
        users.GetOrAdd("u0");
        users.GetOrAdd("u1");
        var items = new IdMap();
        foreach (var id in new[] { "A", "B", "C", "D" })
            items.GetOrAdd(id);
        return new ModelContext(users, items, ItemFile: itemFile is null ? null : AtomicFile.Parse(new StringReader(itemFile)));
    }

    // cos(A, B) = idf(Comedy) / |B| with idf(Comedy) = ln(4/3) + 1, idf(Romance) = ln(4/2) + 1: 0.605349.
    private static readonly float CosineAB = (float)((Math.Log(4.0 / 3) + 1) / Math.Sqrt(Math.Pow(Math.Log(4.0 / 3) + 1, 2) + Math.Pow(Math.Log(2) + 1, 2)));

    private static ContentModel Model() =>
        new(FeatureTable.Build(Context().ItemFile!, Context().Items, new FeatureTableOptions(MinDocumentFrequency: 1)));

    private static float[] ScoreHistory(ContentModel model, params int[] history)
    {
        var scores = new float[4];
        model.ScoreHistory(history, scores);
        return scores;
    }

    [Fact]
    public void One_item_profile_scores_the_cosine_with_that_item()
    {
        // B = (1.28768, 1.69315) / 2.12717 = (0.60535, 0.79597).
        var scores = ScoreHistory(Model(), 0);

        Assert.Equal(1f, scores[0], 5);
        Assert.Equal(CosineAB, scores[1], 5);
        Assert.Equal(0f, scores[2]);
        Assert.Equal(0f, scores[3]); // D has no features
    }

    [Fact]
    public void Profile_is_the_normalised_sum_of_the_item_vectors()
    {
        // Profile A + B of two unit vectors: cos(A, A + B) = cos(B, A + B) = √((1 + A·B) / 2) = √(1.60535 / 2) = 0.89592.
        var scores = ScoreHistory(Model(), 0, 1);

        Assert.Equal(Math.Sqrt((1 + CosineAB) / 2), scores[0], 5);
        Assert.Equal(scores[0], scores[1], 6);
        Assert.Equal(0f, scores[2]);
        Assert.Equal(scores, ScoreHistory(Model(), 1, 0, 1)); // order and repeats do not matter
    }

    [Fact]
    public void Recommends_an_item_nobody_has_taken_from_its_features()
    {
        // Only A was ever taken; B (never taken) shares Comedy with it and ranks above C.
        var model = Model();
        model.Fit(InteractionSet.FromPairs(2, 4, [(0, 0), (1, 0)]));
        var scores = new float[4];

        model.Score(0, scores);

        Assert.True(scores[1] > scores[2]);
        Assert.Equal(CosineAB, scores[1], 5);
    }

    [Fact]
    public void Empty_history_scores_zero()
    {
        Assert.All(ScoreHistory(Model()), score => Assert.Equal(0f, score));
    }

    [Fact]
    public void Without_an_item_file_the_context_is_refused_naming_the_file()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ContentModel.FromContext(Context(itemFile: null)));

        Assert.Contains(".item", error.Message);
    }

    [Fact]
    public void From_context_builds_features_with_the_default_options()
    {
        var model = ContentModel.FromContext(Context("item_id:token\ttitle:token_seq\tclass:token_seq\nA\tThe Heat\tComedy\nB\tThe Cold\tComedy Romance\n"));

        Assert.Equal(4, model.ItemCount);
        // Titles are left out (though both have "the"), and so are features of one item only (Romance).
        Assert.Equal(["class=Comedy"], model.ItemFeatures.FeatureNames);
    }
}
