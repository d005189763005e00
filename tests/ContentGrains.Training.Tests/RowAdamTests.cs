using ContentGrains.Training.Embedding;
using TorchSharp;
using static TorchSharp.torch;

namespace ContentGrains.Training.Tests;

public class RowAdamTests
{
    /// <summary>
    /// A 3 × 2 table, lr 0.1. Step 1 touches rows 2 and 0; step 2 touches row 2 only. Row 2 = (1, −2) gets the
    /// gradients of AdamOptimizerTests, g₁ = (0.5, −0.1) then g₂ = (−0.5, 0.3), so it ends at the hand-computed
    /// (0.9052632, −1.9494190). Row 0 = (3, 4) with g₁ = (1, −1) moves by −lr·sign(g) to (2.9, 4.1) and then stays: dense
    /// Adam would move it again in step 2 on its momentum alone. Row 1 is never touched and keeps (5, 6).
    /// </summary>
    [Fact]
    public void Updates_only_the_rows_a_step_touched_with_adams_formula()
    {
        using var table = torch.tensor(new float[] { 3f, 4f, 5f, 6f, 1f, -2f }, [3, 2]);
        using var adam = new RowAdam(table, learningRate: 0.1);

        Step(adam, [2, 0], [0.5f, -0.1f, 1f, -1f]);
        AssertRows([2.9f, 4.1f, 5f, 6f, 0.9f, -1.9f], table);

        Step(adam, [2], [-0.5f, 0.3f]);
        AssertRows([2.9f, 4.1f, 5f, 6f, 0.9052632f, -1.9494190f], table);
    }

    [Fact]
    public void Its_first_step_equals_dense_adam_on_the_whole_table()
    {
        var start = Enumerable.Range(0, 12).Select(i => i * 0.25f - 1f).ToArray();
        using var dense = torch.tensor(start, [6, 2]).requires_grad_(true);
        using var denseAdam = new AdamOptimizer([dense], learningRate: 0.05);
        using var sparse = torch.tensor(start, [6, 2]);
        using var rowAdam = new RowAdam(sparse, learningRate: 0.05);
        long[] rows = [4, 1, 3];
        float[] weights = [0.7f, -0.2f, 1.5f, 0.4f, -0.9f, 0.3f];

        using (var scope = torch.NewDisposeScope())
        {
            var loss = dense.index_select(0, torch.tensor(rows)).mul(torch.tensor(weights, [3, 2])).sum();
            loss.backward();
            denseAdam.Step();
        }
        Step(rowAdam, rows, weights);

        AssertRows(dense.detach().data<float>().ToArray(), sparse);
    }

    /// <summary>Gathers <paramref name="rows"/>, makes their gradient equal to <paramref name="gradient"/> (loss = Σ r·g), and steps.</summary>
    private static void Step(RowAdam adam, long[] rows, float[] gradient)
    {
        using var scope = torch.NewDisposeScope();
        var index = torch.tensor(rows);
        var leaf = adam.Gather(index);
        leaf.mul(torch.tensor(gradient, [rows.Length, 2])).sum().backward();
        adam.Step(index, leaf.grad!);
    }

    private static void AssertRows(float[] expected, Tensor table)
    {
        var values = table.data<float>().ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], values[i], 1e-6f);
    }
}
