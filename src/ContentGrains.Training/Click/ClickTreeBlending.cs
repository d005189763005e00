using ContentGrains.Core.Click;

namespace ContentGrains.Training.Click;

/// <summary>A fitted network and fitted trees made into one model (<see cref="ClickModelWeights.Blend"/>), the trees standardised onto the network's logit over the rows both were fitted on.</summary>
public static class ClickTreeBlending
{
    public static (ClickModelWeights Weights, ClickBlend Blend) Blend(ClickModelWeights network, ClickTreeEnsemble trees, IReadOnlyList<ClickImpression> fittedOn, double treeWeight)
    {
        var rows = ClickRows.Stack(fittedOn).Rows;
        using var scorer = new TorchClickScorer(network, "network");
        var blend = ClickBlend.Standardised(scorer.Logits(rows), trees.Score(rows, ClickFeatures.Count), treeWeight);
        return (network.Blend(trees, blend), blend);
    }
}
