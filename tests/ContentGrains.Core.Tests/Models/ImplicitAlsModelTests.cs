using ContentGrains.Core.Data;
using ContentGrains.Core.Models;
using MathNet.Numerics.LinearAlgebra;

namespace ContentGrains.Core.Tests.Models;

public class ImplicitAlsModelTests
{
    private static readonly ImplicitAlsOptions Small = new(Factors: 4, Regularization: 0.5, Alpha: 3, Iterations: 5, Seed: 7);

    /// <summary>Random interactions of <paramref name="users"/> × <paramref name="items"/>, about one in four pairs.</summary>
    private static InteractionSet RandomInteractions(int users, int items, int seed)
    {
        var random = new Random(seed);
        var pairs = new List<(int, int)>();
        for (var u = 0; u < users; u++)
        {
            for (var i = 0; i < items; i++)
            {
                if (random.NextDouble() < 0.25)
                    pairs.Add((u, i));
            }
        }
        return InteractionSet.FromPairs(users, items, pairs);
    }

    private static float[] Scores(Action<Span<float>> score, int items)
    {
        var scores = new float[items];
        score(scores);
        return scores;
    }

    [Fact]
    public void User_factors_solve_the_weighted_least_squares_of_the_paper()
    {
        // The closed form with dense matrices, without the YᵀY shortcut: x_u = (YᵀC_uY + λI)⁻¹ YᵀC_u p_u.
        var train = RandomInteractions(12, 9, seed: 1);
        var model = new ImplicitAlsModel(Small);
        model.Fit(train);
        var y = Matrix<double>.Build.Dense(9, 4, (i, f) => model.ItemVector(i)[f]);

        for (var u = 0; u < 12; u++)
        {
            var confidence = Vector<double>.Build.Dense(9, i => train.Contains(u, i) ? 1 + Small.Alpha : 1);
            var preference = Vector<double>.Build.Dense(9, i => train.Contains(u, i) ? 1 : 0);
            var weighted = Matrix<double>.Build.DiagonalOfDiagonalVector(confidence);
            var system = y.TransposeThisAndMultiply(weighted * y) + Small.Regularization * Matrix<double>.Build.DenseIdentity(4);
            var expected = system.Solve(y.TransposeThisAndMultiply(weighted * preference));

            for (var f = 0; f < 4; f++)
                Assert.Equal(expected[f], model.UserVector(u)[f], 10);
        }
    }

    [Fact]
    public void Loss_never_increases_from_one_sweep_to_the_next()
    {
        // Same seed, so a fit of n sweeps is the first n sweeps of a longer fit.
        var train = RandomInteractions(30, 20, seed: 2);
        var losses = Enumerable.Range(1, 8).Select(sweeps =>
        {
            var model = new ImplicitAlsModel(Small with { Iterations = sweeps });
            model.Fit(train);
            return model.Loss(train);
        }).ToArray();

        for (var n = 1; n < losses.Length; n++)
            Assert.True(losses[n] <= losses[n - 1] * (1 + 1e-12), $"sweep {n + 1}: {losses[n]} > {losses[n - 1]}");
        Assert.True(losses[^1] < losses[0]);
    }

    [Fact]
    public void Loss_counts_every_pair_with_its_confidence()
    {
        // One user, one item, one factor, no sweeps: the loss is the random start's c(1 − xy)² + λ(x² + y²).
        var train = InteractionSet.FromPairs(1, 2, [(0, 0)]);
        var model = new ImplicitAlsModel(new ImplicitAlsOptions(Factors: 1, Regularization: 2, Alpha: 4, Iterations: 0));
        model.Fit(train);
        var x = model.UserVector(0)[0];
        var y0 = model.ItemVector(0)[0];
        var y1 = model.ItemVector(1)[0];

        var expected = 5 * Math.Pow(1 - x * y0, 2) + Math.Pow(x * y1, 2) + 2 * (x * x + y0 * y0 + y1 * y1);

        Assert.Equal(expected, model.Loss(train), 12);
    }

    [Fact]
    public void Folding_in_a_training_history_gives_the_training_scores()
    {
        var train = RandomInteractions(25, 15, seed: 3);
        var model = new ImplicitAlsModel(Small);
        model.Fit(train);

        for (var u = 0; u < 25; u++)
        {
            var trained = Scores(s => model.Score(u, s), 15);
            var history = train.ItemsOf(u).ToArray();
            Assert.Equal(trained, Scores(s => model.ScoreHistory(history, s), 15));

            // Order and repeats do not matter: preferences are binary.
            var shuffled = history.Reverse().Concat(history.Take(2)).ToArray();
            Assert.Equal(trained, Scores(s => model.ScoreHistory(shuffled, s), 15));
        }
    }

    [Fact]
    public void Same_seed_same_factors_other_seed_other_factors()
    {
        var train = RandomInteractions(40, 30, seed: 4);
        var first = new ImplicitAlsModel(Small);
        var second = new ImplicitAlsModel(Small);
        var other = new ImplicitAlsModel(Small with { Seed = 8 });
        first.Fit(train);
        second.Fit(train);
        other.Fit(train);

        Assert.Equal(first.ItemFactors.ToArray(), second.ItemFactors.ToArray());
        Assert.Equal(first.UserVector(5).ToArray(), second.UserVector(5).ToArray());
        Assert.NotEqual(first.ItemFactors.ToArray(), other.ItemFactors.ToArray());
    }

    [Fact]
    public void Learns_two_groups_of_users_with_disjoint_tastes()
    {
        // Users 0-9 take most of items 0-5, users 10-19 most of items 6-11; each user misses one item of their group.
        var pairs = new List<(int, int)>();
        for (var u = 0; u < 20; u++)
        {
            var first = u < 10 ? 0 : 6;
            for (var i = first; i < first + 6; i++)
            {
                if (i - first != u % 6)
                    pairs.Add((u, i));
            }
        }
        var train = InteractionSet.FromPairs(20, 12, pairs);
        var model = new ImplicitAlsModel(Small with { Factors = 2, Regularization = 0.1, Iterations = 10 });
        model.Fit(train);

        var scores = Scores(s => model.Score(3, s), 12); // user 3 lacks item 3
        var bestOtherGroup = scores[6..].Max();
        Assert.True(scores[3] > bestOtherGroup, $"missing own-group item {scores[3]} vs other group {bestOtherGroup}");
        Assert.InRange(scores[3], 0.5, 1.2); // near the preference 1 of its group
    }

    [Fact]
    public void Saved_factors_load_back_to_the_same_scores_and_fold_in()
    {
        var train = RandomInteractions(20, 12, seed: 5);
        var model = new ImplicitAlsModel(Small);
        model.Fit(train);
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;

        var loaded = ImplicitAlsModel.Load(stream);

        Assert.Equal((20, 12, 4), (loaded.UserCount, loaded.ItemCount, loaded.Dimension));
        Assert.Equal((Small.Regularization, Small.Alpha), (loaded.Options.Regularization, loaded.Options.Alpha));
        Assert.Equal(Scores(s => model.Score(7, s), 12), Scores(s => loaded.Score(7, s), 12));
        int[] history = [1, 4, 9];
        Assert.Equal(Scores(s => model.ScoreHistory(history, s), 12), Scores(s => loaded.ScoreHistory(history, s), 12));
    }

    [Fact]
    public void Load_refuses_a_stream_of_something_else()
    {
        using var stream = new MemoryStream("not factors at all"u8.ToArray());

        Assert.Throws<FormatException>(() => ImplicitAlsModel.Load(stream));
    }

    [Fact]
    public void A_user_without_items_scores_zero()
    {
        var train = RandomInteractions(10, 8, seed: 6);
        var model = new ImplicitAlsModel(Small);
        model.Fit(train);

        Assert.All(Scores(s => model.ScoreHistory([], s), 8), score => Assert.Equal(0f, score));
    }

    [Fact]
    public void Refuses_to_score_before_fitting()
    {
        Assert.Throws<InvalidOperationException>(() => new ImplicitAlsModel().Score(0, new float[2]));
    }
}
