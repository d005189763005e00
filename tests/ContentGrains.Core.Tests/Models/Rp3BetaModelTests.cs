using ContentGrains.Core.Data;
using ContentGrains.Core.Models;

namespace ContentGrains.Core.Tests.Models;

public class Rp3BetaModelTests
{
    // Users: u0 {0, 1}, u1 {0}, u2 {1, 2}. Item degrees 2, 2, 1; user degrees 2, 1, 2.
    private static readonly InteractionSet Train = InteractionSet.FromPairs(3, 3, [(0, 0), (0, 1), (1, 0), (2, 1), (2, 2)]);

    [Fact]
    public void Weights_by_hand()
    {
        // α = 1: W_ij = Σ_u (1/deg_i)(1/deg_u) over users with i and j, then ÷ deg_j^β with β = 1.
        // W_01 = (1/2)(1/2) / 2 = 0.125 (via u0); W_21 = (1/1)(1/2) / 2 = 0.25 (via u2); W_12 = (1/2)(1/2) / 1 = 0.25.
        var model = new Rp3BetaModel(alpha: 1, beta: 1, neighbours: 10);
        model.Fit(Train);
        var scores = new float[3];

        model.Score(1, scores); // u1 has item 0: row 0

        Assert.Equal(0.125f, model.Weight(0, 1), 6);
        Assert.Equal(0.25f, model.Weight(2, 1), 6);
        Assert.Equal(0.25f, model.Weight(1, 2), 6);
        Assert.Equal(0.125f, model.Weight(1, 0), 6);
        Assert.Equal(0f, model.Weight(0, 2));
        Assert.Equal(0f, model.Weight(1, 1));
        Assert.Equal([0f, 0.125f, 0f], scores);
    }

    [Fact]
    public void Keeps_only_the_largest_weights_of_each_row()
    {
        var model = new Rp3BetaModel(alpha: 1, beta: 1, neighbours: 1);
        model.Fit(Train);

        Assert.Equal(0.25f, model.Weight(1, 2), 6); // row 1: W_12 = 0.25 beats W_10 = 0.125
        Assert.Equal(0f, model.Weight(1, 0));
    }
}
