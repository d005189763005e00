using ContentGrains.Core.Data;
using ContentGrains.Core.Models;
using MathNet.Numerics.LinearAlgebra;

namespace ContentGrains.Core.Tests.Models;

public class EaseModelTests
{
    [Fact]
    public void Two_items_by_hand()
    {
        // Users: u0 {0, 1}, u1 {0}, u2 {1}. XᵀX = [[2, 1], [1, 2]]; with λ = 1, G = [[3, 1], [1, 3]].
        // P = G⁻¹ = 1/8 · [[3, −1], [−1, 3]]. B_01 = −P_01 / P_11 = (1/8) / (3/8) = 1/3, B_10 = 1/3, diagonal 0.
        // u1 has item 0: scores = x·B = [B_00, B_01] = [0, 1/3].
        var train = InteractionSet.FromPairs(3, 2, [(0, 0), (0, 1), (1, 0), (2, 1)]);
        var model = new EaseModel(regularization: 1);
        model.Fit(train);
        var scores = new float[2];

        model.Score(1, scores);

        Assert.Equal(1.0 / 3, model.Weight(0, 1), 6);
        Assert.Equal(1.0 / 3, model.Weight(1, 0), 6);
        Assert.Equal(0.0, model.Weight(0, 0));
        Assert.Equal(0f, scores[0]);
        Assert.Equal(1f / 3, scores[1], 6);
    }

    [Fact]
    public void Matches_the_closed_form_computed_with_dense_matrices()
    {
        const int users = 40, items = 70; // more than two inversion blocks
        const double lambda = 5;
        var random = new Random(3);
        var pairs = new List<(int, int)>();
        for (var u = 0; u < users; u++)
        {
            for (var i = 0; i < items; i++)
            {
                if (random.NextDouble() < 0.2)
                    pairs.Add((u, i));
            }
        }
        var train = InteractionSet.FromPairs(users, items, pairs);
        var x = Matrix<double>.Build.Dense(users, items);
        foreach (var (u, i) in pairs)
            x[u, i] = 1;
        var p = (x.TransposeThisAndMultiply(x) + lambda * Matrix<double>.Build.DenseIdentity(items)).Inverse();
        var b = Matrix<double>.Build.Dense(items, items, (i, j) => i == j ? 0 : -p[i, j] / p[j, j]);
        var expected = x * b;

        var model = new EaseModel(lambda);
        model.Fit(train);
        var scores = new float[items];
        for (var u = 0; u < users; u++)
        {
            model.Score(u, scores);
            for (var i = 0; i < items; i++)
                Assert.Equal(expected[u, i], (double)scores[i], 1e-5); // scores are float
        }
    }

    [Fact]
    public void Defaults_to_recboles_regularization()
    {
        Assert.Equal(250.0, new EaseModel().Regularization);
    }

    [Fact]
    public void Refuses_to_score_before_fitting()
    {
        Assert.Throws<InvalidOperationException>(() => new EaseModel().Score(0, new float[2]));
    }
}
