using ContentGrains.Core.Data;
using ContentGrains.Core.Models;

namespace ContentGrains.Core.Tests.Models;

public class ItemKnnModelTests
{
    private const float Precision = 1e-4f;

    // Users 0..6 with items {0,1}, {0,1,2}, {1,2,3}, {1}, {2}, {2,3}, {3}.
    // Item users: 0 -> {0,1} (norm √2), 1 -> {0,1,2,3} (2), 2 -> {1,2,4,5} (2), 3 -> {2,5,6} (√3).
    // Cosines: s01 = 2/√8 = 0.70711, s02 = 1/√8 = 0.35355, s12 = 2/4 = 0.5, s13 = 1/√12 = 0.28868,
    // s23 = 2/√12 = 0.57735, s03 = 0.
    private static InteractionSet Train() => InteractionSet.FromPairs(7, 4,
    [
        (0, 0), (0, 1), (1, 0), (1, 1), (1, 2), (2, 1), (2, 2), (2, 3), (3, 1), (4, 2), (5, 2), (5, 3), (6, 3),
    ]);

    [Fact]
    public void Keeps_every_positive_cosine_when_k_covers_all_items()
    {
        var model = new ItemKnnModel(neighbours: 100);
        model.Fit(Train());

        Assert.Equal(0.70711f, model.Weight(0, 1), Precision);
        Assert.Equal(0.70711f, model.Weight(1, 0), Precision);
        Assert.Equal(0.35355f, model.Weight(0, 2), Precision);
        Assert.Equal(0.5f, model.Weight(1, 2), Precision);
        Assert.Equal(0.28868f, model.Weight(3, 1), Precision);
        Assert.Equal(0.57735f, model.Weight(2, 3), Precision);
        Assert.Equal(0f, model.Weight(0, 3));
        Assert.Equal(0f, model.Weight(2, 2)); // no self-similarity

        var scores = new float[4];
        model.Score(0, scores); // items {0,1}
        Assert.Equal([0.70711f, 0.70711f, 0.35355f + 0.5f, 0.28868f], scores, (a, b) => Math.Abs(a - b) < Precision);
    }

    [Fact]
    public void Keeps_the_top_k_neighbours_of_each_target_column()
    {
        // Top-2 of each column j among sim(·, j): 0 -> {1, 2}, 1 -> {0, 2}, 2 -> {3, 1}, 3 -> {2, 1}.
        // Item 0 is a neighbour of 1 but not of 2 (whose top two are 3 and 1), although 2 is a neighbour of 0.
        var model = new ItemKnnModel(neighbours: 2);
        model.Fit(Train());

        Assert.Equal(0f, model.Weight(0, 2));
        Assert.Equal(0.35355f, model.Weight(2, 0), Precision);

        // RecBole predicts X·W: user 0 ({0,1}) gets for item 2 only s12 (0 is not kept for column 2), and for
        // item 3 only s13 (its neighbours are 2 and 1).
        var scores = new float[4];
        model.Score(0, scores);
        Assert.Equal([0.70711f, 0.70711f, 0.5f, 0.28868f], scores, (a, b) => Math.Abs(a - b) < Precision);
    }

    [Fact]
    public void With_one_neighbour_each_column_keeps_its_most_similar_item()
    {
        var model = new ItemKnnModel(neighbours: 1);
        model.Fit(Train());
        var scores = new float[4];

        model.Score(2, scores); // items {1,2,3}; top-1: 0 -> 1, 1 -> 0, 2 -> 3, 3 -> 2

        Assert.Equal([0.70711f, 0f, 0.57735f, 0.57735f], scores, (a, b) => Math.Abs(a - b) < Precision);
    }

    [Fact]
    public void Shrink_is_added_to_the_norm_product()
    {
        var model = new ItemKnnModel(shrink: 1.0);
        model.Fit(Train());

        Assert.Equal(2f / (MathF.Sqrt(8f) + 1f), model.Weight(0, 1), Precision); // 0.52241
        Assert.Equal(1f / (MathF.Sqrt(12f) + 1f), model.Weight(1, 3), Precision);
    }

    [Fact]
    public void Items_without_train_users_score_zero()
    {
        var train = InteractionSet.FromPairs(2, 3, [(0, 0), (0, 1), (1, 1)]);
        var model = new ItemKnnModel();
        model.Fit(train);
        var scores = new float[3];

        model.Score(1, scores);

        Assert.Equal(0f, scores[2]);
        Assert.Equal(1f / MathF.Sqrt(2f), scores[0], Precision);
    }

    [Fact]
    public void Refuses_to_score_before_fitting()
    {
        Assert.Throws<InvalidOperationException>(() => new ItemKnnModel().Score(0, new float[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ItemKnnModel(neighbours: 0));
    }
}
