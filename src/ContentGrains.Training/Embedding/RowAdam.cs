using TorchSharp;
using static TorchSharp.torch;

namespace ContentGrains.Training.Embedding;

/// <summary>
/// Adam on the rows of one table that a step touched ("lazy" Adam): the rows' moments and weights are gathered,
/// updated with <see cref="AdamRule"/> and written back; untouched rows and their moments stay as they
/// are. A step then costs O(rows touched × d) instead of O(table), which is what lets an id table of a million items
/// train on a CPU (dense Adam rewrote all 2 × items × d weights and moments at every step). On the first step it
/// equals dense Adam exactly (an untouched row's moments are zero, so dense Adam leaves it unchanged too); later it
/// differs only in that a row's momentum does not keep moving it in steps that do not touch it.
/// </summary>
internal sealed class RowAdam : IDisposable
{
    private readonly Tensor table;
    private readonly Tensor firstMoments;
    private readonly Tensor secondMoments;
    private readonly AdamRule rule;

    /// <param name="table">The rows × d weights, updated in place; it needs no gradient of its own.</param>
    public RowAdam(Tensor table, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        this.table = table;
        firstMoments = torch.zeros_like(table).DetachFromDisposeScope();
        secondMoments = torch.zeros_like(table).DetachFromDisposeScope();
        rule = new AdamRule(learningRate, beta1, beta2, epsilon);
    }

    /// <summary>The rows of <paramref name="rows"/> (distinct int64 indices) as a leaf with a gradient, for one step's forward pass.</summary>
    public Tensor Gather(Tensor rows)
    {
        using var noGrad = torch.no_grad();
        return table.index_select(0, rows).detach().requires_grad_(true);
    }

    /// <summary>One Adam update of <paramref name="rows"/> (distinct) from the gradient their gathered leaf received.</summary>
    public void Step(Tensor rows, Tensor gradient)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        using var step = rule.NextStep();
        var first = firstMoments.index_select(0, rows);
        var second = secondMoments.index_select(0, rows);
        var weights = table.index_select(0, rows);
        rule.Update(weights, first, second, gradient, step);
        firstMoments.index_copy_(0, rows, first);
        secondMoments.index_copy_(0, rows, second);
        table.index_copy_(0, rows, weights);
    }

    public void Dispose()
    {
        firstMoments.Dispose();
        secondMoments.Dispose();
        rule.Dispose();
    }
}
