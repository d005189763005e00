using ContentGrains.Core.Embeddings;
using TorchSharp;
using static TorchSharp.torch;

namespace ContentGrains.Training.Embedding;

/// <summary>
/// The TorchSharp side of one <see cref="EmbeddingTower"/>: the same sum (id vector + mean of tag vectors + text ×
/// projection) over tensors with gradients, for the items of one step. Tags are a padded items × most-tags index table
/// whose padding points at an extra tag row with weight 0. With row updates (large catalogs) the id table is not a
/// parameter of the shared optimizer: each forward pass gathers the step's id rows as a leaf, and
/// <see cref="StepIdRows"/> applies <see cref="RowAdam"/> to those rows alone after the backward pass.
/// </summary>
internal sealed class TorchTower : IDisposable
{
    private readonly ItemFeatureTensors features;
    private readonly int dimensions;
    private readonly Scalar one;
    private readonly RowAdam? idUpdates;
    private (Tensor Rows, Tensor Leaf)? gathered;

    /// <param name="rowUpdatesLearningRate">When set, the id table is updated row by row (<see cref="RowAdam"/>) at this rate.</param>
    public TorchTower(ItemFeatureTensors features, int dimensions, Random random, Device device, double? rowUpdatesLearningRate = null)
    {
        this.features = features;
        this.dimensions = dimensions;
        one = 1.0.ToScalar();
        Ids = SeededTensors.Normal(features.ItemCount, dimensions, 0.01, random, device);
        Tags = SeededTensors.Normal(features.TagCount + 1, dimensions, 0.01, random, device);
        Text = features.TextDimensions == 0
            ? null
            : SeededTensors.Normal(features.TextDimensions, dimensions, 1.0 / Math.Sqrt(features.TextDimensions), random, device);
        if (rowUpdatesLearningRate is { } rate)
            idUpdates = new RowAdam(Ids.requires_grad_(false), rate);
    }

    public Tensor Ids { get; }

    public Tensor Tags { get; }

    public Tensor? Text { get; }

    /// <summary>The tensors the shared optimizer updates: the id table only when it is not updated row by row.</summary>
    public IEnumerable<Tensor> Parameters => new[] { idUpdates is null ? Ids : null, Tags, Text }.OfType<Tensor>();

    /// <summary>
    /// The vectors of <paramref name="items"/> (int64; distinct when the ids are updated row by row);
    /// <paramref name="idMask"/> (0 or 1 per item) drops id vectors.
    /// </summary>
    public Tensor Forward(Tensor items, Tensor idMask)
    {
        // A scope of its own: the intermediates autograd does not keep (the sums, the masked and added vectors) are freed
        // when the pass ends, not when the whole step does; autograd holds its own references to those it keeps.
        using var scope = torch.NewDisposeScope();
        var n = items.shape[0];
        var vectors = IdVectors(items).mul(idMask.unsqueeze(1));
        var tagRows = features.TagIndex.index_select(0, items);
        var tagWeights = features.TagWeight.index_select(0, items).unsqueeze(2);
        var tags = Tags.index_select(0, tagRows.view(-1)).view(n, tagRows.shape[1], dimensions).mul(tagWeights).sum(1);
        vectors = vectors.add(tags, one);
        if (Text is not null)
            vectors = vectors.add(features.TextVectors!.index_select(0, items).mm(Text), one);
        return vectors.MoveToOuterDisposeScope();
    }

    /// <summary>After the backward pass: the row update of the id rows the last forward pass gathered (nothing without row updates).</summary>
    public void StepIdRows()
    {
        if (idUpdates is null || gathered is not { } step) return;
        gathered = null;
        using var leaf = step.Leaf;
        if (leaf.grad is { } gradient) idUpdates.Step(step.Rows, gradient);
    }

    private Tensor IdVectors(Tensor items)
    {
        if (idUpdates is null) return Ids.index_select(0, items);
        // Out of every scope: the forward pass's scope ends before the backward pass, and StepIdRows reads the leaf's
        // gradient after it (and disposes it).
        var leaf = idUpdates.Gather(items).DetachFromDisposeScope();
        gathered?.Leaf.Dispose();
        gathered = (items, leaf);
        return leaf;
    }

    /// <summary>The learned weights as arrays; items without training interactions get a zero id vector.</summary>
    public EmbeddingTower ToArrays(bool[] trained)
    {
        var ids = Ids.detach().cpu().data<float>().ToArray();
        for (var item = 0; item < trained.Length; item++)
        {
            if (!trained[item])
                Array.Clear(ids, item * dimensions, dimensions);
        }
        var tags = Tags.detach().cpu().data<float>().ToArray()[..(features.TagCount * dimensions)];
        var text = Text?.detach().cpu().data<float>().ToArray() ?? [];
        return new EmbeddingTower(dimensions, ids, tags, text);
    }

    public void Dispose()
    {
        foreach (var parameter in new[] { Ids, Tags, Text }.OfType<Tensor>())
            parameter.Dispose();
        idUpdates?.Dispose();
        gathered?.Leaf.Dispose();
        one.Dispose();
    }
}
