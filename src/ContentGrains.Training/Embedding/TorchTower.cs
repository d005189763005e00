using ContentGrains.Core.Embeddings;
using TorchSharp;
using static TorchSharp.torch;

namespace ContentGrains.Training.Embedding;

/// <summary>
/// The TorchSharp side of one <see cref="EmbeddingTower"/>: the same sum (id vector + mean of tag vectors + text ×
/// projection) over tensors with gradients, for the items of one step. Tags are a padded items × most-tags index table
/// whose padding points at an extra tag row with weight 0.
/// </summary>
internal sealed class TorchTower : IDisposable
{
    private readonly ItemFeatureTensors features;
    private readonly int dimensions;
    private readonly Scalar one;

    public TorchTower(ItemFeatureTensors features, int dimensions, Random random, Device device)
    {
        this.features = features;
        this.dimensions = dimensions;
        one = 1.0.ToScalar();
        Ids = SeededTensors.Normal(features.ItemCount, dimensions, 0.01, random, device);
        Tags = SeededTensors.Normal(features.TagCount + 1, dimensions, 0.01, random, device);
        Text = features.TextDimensions == 0
            ? null
            : SeededTensors.Normal(features.TextDimensions, dimensions, 1.0 / Math.Sqrt(features.TextDimensions), random, device);
    }

    public Tensor Ids { get; }

    public Tensor Tags { get; }

    public Tensor? Text { get; }

    public IEnumerable<Tensor> Parameters => Text is null ? [Ids, Tags] : [Ids, Tags, Text];

    /// <summary>The vectors of <paramref name="items"/> (int64); <paramref name="idMask"/> (0 or 1 per item) drops id vectors.</summary>
    public Tensor Forward(Tensor items, Tensor idMask)
    {
        var n = items.shape[0];
        var vectors = Ids.index_select(0, items).mul(idMask.unsqueeze(1));
        var tagRows = features.TagIndex.index_select(0, items);
        var tagWeights = features.TagWeight.index_select(0, items).unsqueeze(2);
        var tags = Tags.index_select(0, tagRows.view(-1)).view(n, tagRows.shape[1], dimensions).mul(tagWeights).sum(1);
        vectors = vectors.add(tags, one);
        if (Text is not null)
            vectors = vectors.add(features.TextVectors!.index_select(0, items).mm(Text), one);
        return vectors;
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
        foreach (var parameter in Parameters)
            parameter.Dispose();
        one.Dispose();
    }
}
