namespace ContentGrains.Core.Text;

/// <summary>
/// Turns item text (title, abstract, body) into a fixed-size vector whose cosine says how alike two texts are. The
/// engine computes an item's text vector once, when the item is stored or changed, and keeps it with the item.
/// </summary>
public interface ITextEncoder
{
    int Dimensions { get; }

    /// <summary>One unit-length vector of <see cref="Dimensions"/> per text, in order.</summary>
    float[][] Encode(IReadOnlyList<string> texts);
}
