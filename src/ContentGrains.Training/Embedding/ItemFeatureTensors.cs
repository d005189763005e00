using ContentGrains.Core.Embeddings;
using static TorchSharp.torch;

namespace ContentGrains.Training.Embedding;

/// <summary>
/// <see cref="ItemMetadata"/> as tensors on the training device, shared by both towers: a padded items × most-tags
/// table of tag indices (padding = <see cref="TagCount"/>, an extra row) with weights 1/tags (0 on padding), and the
/// items × text-dimensions text vectors.
/// </summary>
internal sealed class ItemFeatureTensors : IDisposable
{
    public ItemFeatureTensors(ItemMetadata metadata, Device device)
    {
        ItemCount = metadata.ItemCount;
        TagCount = metadata.TagNames.Count;
        TextDimensions = metadata.TextDimensions;
        var width = Math.Max(1, Enumerable.Range(0, ItemCount).Select(i => metadata.TagsOf(i).Length).DefaultIfEmpty(0).Max());
        var index = new long[ItemCount * width];
        var weight = new float[ItemCount * width];
        Array.Fill(index, TagCount);
        for (var item = 0; item < ItemCount; item++)
        {
            var tags = metadata.TagsOf(item);
            for (var t = 0; t < tags.Length; t++)
            {
                index[item * width + t] = tags[t];
                weight[item * width + t] = 1f / tags.Length;
            }
        }
        TagIndex = tensor(index, [ItemCount, width], device: device);
        TagWeight = tensor(weight, [ItemCount, width], device: device);
        TextVectors = TextDimensions == 0 ? null : tensor(metadata.TextVectors, [ItemCount, TextDimensions], device: device);
    }

    public int ItemCount { get; }

    public int TagCount { get; }

    public int TextDimensions { get; }

    public Tensor TagIndex { get; }

    public Tensor TagWeight { get; }

    public Tensor? TextVectors { get; }

    public void Dispose()
    {
        TagIndex.Dispose();
        TagWeight.Dispose();
        TextVectors?.Dispose();
    }
}
