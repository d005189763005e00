namespace ContentGrains.Core.Segments;

/// <summary>A key of a block with its mean share among the segment's people and its lift (that share over everyone's).</summary>
public sealed record SegmentTrait(string Key, double Share, double Lift);

/// <summary>
/// What sets one segment apart: how many people (of those fitted, and the share), and per block (tags, formats,
/// channels, hours) the keys with the largest mean share among its people.
/// </summary>
public sealed record SegmentDescription(int Segment, int Size, double Share, IReadOnlyDictionary<string, IReadOnlyList<SegmentTrait>> Top)
{
    /// <summary>Describes each of <paramref name="segments"/> segments from the people's vectors and labels (−1 = none).</summary>
    public static IReadOnlyList<SegmentDescription> Describe(SegmentFeatureSpace space, IReadOnlyList<float[]> vectors, IReadOnlyList<int> labels,
        int segments, int topPerBlock = 5)
    {
        var overall = Mean(vectors, Enumerable.Range(0, vectors.Count).ToList(), space.Dimensions);
        return Enumerable.Range(0, segments).Select(s =>
        {
            var members = Enumerable.Range(0, labels.Count).Where(i => labels[i] == s).ToList();
            var mean = Mean(vectors, members, space.Dimensions);
            var top = new Dictionary<string, IReadOnlyList<SegmentTrait>>(StringComparer.Ordinal);
            var offset = 0;
            foreach (var block in space.Blocks)
            {
                top[block.Name] = Enumerable.Range(offset, block.Keys.Count)
                    .Where(d => mean[d] > 0)
                    .OrderByDescending(d => mean[d]).ThenBy(d => d).Take(topPerBlock)
                    .Select(d => new SegmentTrait(block.Keys[d - offset], Math.Round(mean[d] / block.Weight, 4),
                        Math.Round(overall[d] > 0 ? mean[d] / overall[d] : 0, 3)))
                    .ToList();
                offset += block.Keys.Count;
            }
            return new SegmentDescription(s, members.Count, labels.Count == 0 ? 0 : Math.Round((double)members.Count / labels.Count, 4), top);
        }).ToList();
    }

    private static double[] Mean(IReadOnlyList<float[]> vectors, List<int> members, int dimensions)
    {
        var mean = new double[dimensions];
        if (members.Count == 0) return mean;
        foreach (var i in members)
            for (var d = 0; d < dimensions; d++) mean[d] += vectors[i][d];
        for (var d = 0; d < dimensions; d++) mean[d] /= members.Count;
        return mean;
    }
}
