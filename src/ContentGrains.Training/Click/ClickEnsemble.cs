namespace ContentGrains.Training.Click;

/// <summary>
/// Several click models trained from different seeds on the same rows, merged into one network whose logit is the
/// mean of theirs: logistic members average their weights; MLP members stack their hidden units side by side (K × H
/// wide) and the output layer takes each member's output weights divided by K. The merged model is exactly the
/// logit-average ensemble, yet one plain <see cref="ClickModelWeights"/>: the ONNX export, the artifact checks and the
/// scorers need nothing new. Averaging seeds smooths the seed-to-seed swings of a model fitted on a few thousand impressions.
/// </summary>
public static class ClickEnsemble
{
    public static ClickModelWeights Merge(IReadOnlyList<ClickModelWeights> members)
    {
        if (members.Count == 0) throw new ArgumentException("members: an ensemble needs at least one model", nameof(members));
        if (members.Count == 1) return members[0];
        var first = members[0];
        foreach (var member in members)
        {
            member.Validate();
            if (member.Layers.Count != first.Layers.Count || member.Hidden != first.Hidden)
                throw new ArgumentException($"members: every model must have one shape, got {member.Layers.Count} layers × {member.Hidden} hidden beside {first.Layers.Count} × {first.Hidden}", nameof(members));
            if (!member.Mean.AsSpan().SequenceEqual(first.Mean) || !member.Scale.AsSpan().SequenceEqual(first.Scale))
                throw new ArgumentException("members: every model must share one input standardisation (trained on the same rows)", nameof(members));
        }
        var layers = first.Layers.Count switch
        {
            1 => [Averaged(members.Select(m => m.Layers[0]).ToList())],
            2 => new[] { Stacked(members.Select(m => m.Layers[0]).ToList()), SideBySide(members.Select(m => m.Layers[1]).ToList()) },
            _ => throw new ArgumentException($"members: merging {first.Layers.Count}-layer models is not supported (1 or 2)", nameof(members)),
        };
        return new ClickModelWeights(first.Mean, first.Scale, layers);
    }

    /// <summary>One layer whose weights and bias are the members' means (the logit of a linear model is linear in them).</summary>
    private static DenseLayer Averaged(IReadOnlyList<DenseLayer> layers)
    {
        var weight = new float[layers[0].Weight.Length];
        var bias = new float[layers[0].Bias.Length];
        foreach (var layer in layers)
        {
            for (var i = 0; i < weight.Length; i++) weight[i] += layer.Weight[i] / layers.Count;
            for (var i = 0; i < bias.Length; i++) bias[i] += layer.Bias[i] / layers.Count;
        }
        return new DenseLayer(layers[0].Inputs, layers[0].Outputs, weight, bias);
    }

    /// <summary>The members' hidden layers one after another: K·H outputs over the same inputs.</summary>
    private static DenseLayer Stacked(IReadOnlyList<DenseLayer> layers) => new(
        layers[0].Inputs, layers.Sum(l => l.Outputs), layers.SelectMany(l => l.Weight).ToArray(), layers.SelectMany(l => l.Bias).ToArray());

    /// <summary>The members' output layers reading their own block of the stacked hidden units, each weighted 1/K.</summary>
    private static DenseLayer SideBySide(IReadOnlyList<DenseLayer> layers) => new(
        layers.Sum(l => l.Inputs), 1,
        layers.SelectMany(l => l.Weight.Select(w => w / layers.Count)).ToArray(),
        [layers.Sum(l => l.Bias[0]) / layers.Count]);
}
