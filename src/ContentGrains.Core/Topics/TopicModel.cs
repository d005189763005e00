namespace ContentGrains.Core.Topics;

/// <summary>
/// Topics found over item text vectors: each topic's unit centroid (in the text encoder's space), the words that name
/// it and how many items fell in it when it was fitted. An item's mixture is <see cref="TopicMixture"/> over the centroids,
/// taken after the same centring the fit used (<paramref name="Offset"/>, the corpus' mean vector; null when not centred).
/// </summary>
public sealed record TopicModel(IReadOnlyList<Topic> Topics, int Dimensions, float[]? Offset = null)
{
    public IReadOnlyList<float[]> Centroids => Topics.Select(t => t.Centroid).ToList();

    public float[] MixtureOf(float[] unitVector) =>
        TopicMixture.Of(Offset is null ? unitVector : CorpusCentre.Apply(unitVector, Offset), Centroids);
}

/// <summary>One topic: its index, naming words (heaviest first), the items it held at fit time, its unit centroid.</summary>
public sealed record Topic(int Id, IReadOnlyList<TopicWord> Words, int Size, float[] Centroid);
