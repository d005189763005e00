using System.Text.Json;

namespace ContentGrains.Core.Segments;

/// <summary>A person's segment: the nearest centroid and the distance to it.</summary>
public sealed record SegmentAssignment(int Segment, double Distance);

/// <summary>
/// A fitted segmentation as it is stored and served: the feature space, the k-means centroids, each segment's
/// description, and how the fit went (<see cref="SegmentFitReport"/>). Every person is assigned live to the nearest
/// centroid of their current signals; a person with no engagement yet has no segment.
/// </summary>
public sealed record SegmentModel(SegmentFeatureSpace Space, IReadOnlyList<float[]> Centroids, IReadOnlyList<SegmentDescription> Segments,
    SegmentFitReport Report)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public SegmentAssignment? Assign(PersonSignals person) => person.IsEmpty ? null : Nearest(Space.Vector(person));

    public SegmentAssignment Nearest(float[] vector) => NearestOf(Centroids, vector);

    /// <summary>The centroid nearest <paramref name="vector"/> (the lowest index on a tie) and the distance to it.</summary>
    public static SegmentAssignment NearestOf(IReadOnlyList<float[]> centroids, float[] vector)
    {
        var (best, bestDistance) = (0, double.MaxValue);
        for (var c = 0; c < centroids.Count; c++)
        {
            var distance = Distances.Euclidean(vector, centroids[c]);
            if (distance < bestDistance) (best, bestDistance) = (c, distance);
        }
        return new SegmentAssignment(best, bestDistance);
    }

    public byte[] ToJsonBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static SegmentModel FromJson(byte[] bytes) =>
        JsonSerializer.Deserialize<SegmentModel>(bytes, Json) ?? throw new InvalidOperationException("the stored segment model is empty");
}
