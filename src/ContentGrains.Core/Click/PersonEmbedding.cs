using System.Numerics.Tensors;
using ContentGrains.Core.Live;

namespace ContentGrains.Core.Click;

/// <summary>
/// The person under an embedding feed model: their vector (the model's user tower, the mean of the input vectors
/// of the items they engaged with) and, from it, an item's <c>embedding_score</c> for the click row (person · item
/// vector, the retrieval score the feed ranks candidates by). The live feed builds it from the person's history and the
/// model it serves, the log replay from the items engaged with before the feed and the model in force then:
/// both through <see cref="Of"/>, so the two rows carry the same score. It exists only when the model is an embedding
/// model and knows at least one item of the history; a newcomer's row, like an item the model has never seen, keeps the
/// score missing, so the click model learns what missing means from the same rows it will score.
/// </summary>
public sealed class PersonEmbedding
{
    private readonly LiveModel model;
    private readonly float[] vector;

    private PersonEmbedding(LiveModel model, float[] vector)
    {
        this.model = model;
        this.vector = vector;
    }

    /// <param name="model">The feed model; anything but an embedding model gives null.</param>
    /// <param name="history">The items the person engaged with (order and repeats do not matter).</param>
    /// <returns>Null when there is no embedding model or none of the history's items is known to it.</returns>
    public static PersonEmbedding? Of(LiveModel? model, IEnumerable<string> history)
    {
        if (model?.Embedding is not { } embedding) return null;
        var known = new List<int>();
        foreach (var itemId in history)
            if (model.IndexOf(itemId) is var index and >= 0) known.Add(index);
        if (known.Count == 0) return null;
        var vector = new float[embedding.Dimensions];
        embedding.UserVector(known.ToArray(), vector);
        return new PersonEmbedding(model, vector);
    }

    /// <summary>person · item vector; null when the model does not know the item.</summary>
    public float? ScoreOf(string itemId) =>
        model.IndexOf(itemId) is var index and >= 0 ? TensorPrimitives.Dot(vector, model.Embedding!.ItemVectorOf(index)) : null;
}
