using System.Numerics.Tensors;

namespace ContentGrains.Core.Embeddings;

/// <summary>
/// One item tower of <see cref="EmbeddingModel"/>: an item's vector is its id vector, plus the mean of its tags'
/// vectors, plus its text vector times <see cref="TextProjection"/>. An item without training interactions has a zero
/// id vector, so its vector comes from its metadata alone (cold start).
/// </summary>
/// <param name="IdVectors">Items × d, row-major.</param>
/// <param name="TagVectors">Tags × d, row-major.</param>
/// <param name="TextProjection">Text dimensions × d, row-major (empty without text).</param>
public sealed record EmbeddingTower(int Dimensions, float[] IdVectors, float[] TagVectors, float[] TextProjection)
{
    public int TextDimensions => TextProjection.Length / Dimensions;

    /// <summary>The tower's vector of a training item: id + metadata.</summary>
    public void Compose(ItemMetadata metadata, int item, Span<float> into)
    {
        Embed(metadata.TagsOf(item), metadata.TextOf(item), into);
        TensorPrimitives.Add(into, IdVectors.AsSpan(item * Dimensions, Dimensions), into);
    }

    /// <summary>The metadata part alone: mean of the tag vectors plus the projected text (an empty text adds nothing).</summary>
    public void Embed(ReadOnlySpan<int> tags, ReadOnlySpan<float> text, Span<float> into)
    {
        into.Clear();
        foreach (var tag in tags)
            TensorPrimitives.MultiplyAdd(TagVectors.AsSpan(tag * Dimensions, Dimensions), 1f / tags.Length, into, into);
        if (text.Length == 0)
            return;
        if (text.Length != TextDimensions)
            throw new ArgumentException($"the text vector has {text.Length} dimensions, the model was trained on {TextDimensions}", nameof(text));
        for (var k = 0; k < text.Length; k++)
        {
            if (text[k] != 0)
                TensorPrimitives.MultiplyAdd(TextProjection.AsSpan(k * Dimensions, Dimensions), text[k], into, into);
        }
    }
}
