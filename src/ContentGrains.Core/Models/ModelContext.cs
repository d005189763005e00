using ContentGrains.Core.Data;
using ContentGrains.Core.Text;

namespace ContentGrains.Core.Models;

/// <summary>
/// What a model may learn from besides the training interactions it is fit on: the id maps of the split, the
/// validation set (for early stopping and tuning only, never for fitting), the side information of the data set
/// (RecBole's <c>.item</c> and <c>.user</c> files, when present), a seed for anything random, and an encoder for item
/// text (Core has none of its own: the CLI and the host pass the MiniLM one from ContentGrains.Inference), or, live,
/// the text vectors already computed when the items were stored (by item id), which take the encoder's place.
/// </summary>
public sealed record ModelContext(
    IdMap Users,
    IdMap Items,
    InteractionSet? Validation = null,
    AtomicFile? ItemFile = null,
    AtomicFile? UserFile = null,
    int Seed = 2020,
    ITextEncoder? TextEncoder = null,
    IReadOnlyDictionary<string, float[]>? ItemTextVectors = null)
{
    /// <summary>A context with nothing but the id maps of <paramref name="split"/> and its validation set.</summary>
    public static ModelContext Of(GivenSplit split, AtomicFile? itemFile = null, AtomicFile? userFile = null, int seed = 2020) =>
        new(split.Users, split.Items, split.Valid, itemFile, userFile, seed);
}
