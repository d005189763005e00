namespace ContentGrains.Core.Segments;

/// <summary>One block of the feature vector: its keys in vector order and the weight its shares are multiplied by.</summary>
public sealed record FeatureBlock(string Name, IReadOnlyList<string> Keys, double Weight);

/// <summary>
/// Turns <see cref="PersonSignals"/> into the vector people are clustered in: per block, the person's weights over the
/// block's keys as shares summing to 1 (so a heavy user and a light one with the same habits coincide), times the
/// block's weight; hours are first smoothed around the clock (¼, ½, ¼) so 19:00 and 20:00 are near. The keys are fixed
/// at fit time (<see cref="Fit"/>): the tags with the most total share (at most <c>maxTags</c>), every format and channel
/// seen (at most <c>maxTags</c> each), and the 24 hours. Each block's weight is 1 / √(its total variance over the fitted
/// people), so every block has the same say: a one-hot block (one channel each) would otherwise outweigh a spread one
/// (tastes over many tags) and split people by channel alone. Stored with the model, so live assignment uses the same space.
/// </summary>
public sealed record SegmentFeatureSpace(IReadOnlyList<FeatureBlock> Blocks)
{
    public int Dimensions => Blocks.Sum(b => b.Keys.Count);

    public static SegmentFeatureSpace Fit(IReadOnlyList<PersonSignals> people, int maxTags = 64)
    {
        if (maxTags < 1) throw new ArgumentOutOfRangeException(nameof(maxTags), maxTags, "maxTags must be at least 1");
        var unweighted = new SegmentFeatureSpace(
        [
            new FeatureBlock(PersonSignals.Tags, TopKeys(people, PersonSignals.Tags, maxTags), 1.0),
            new FeatureBlock(PersonSignals.Formats, TopKeys(people, PersonSignals.Formats, maxTags), 1.0),
            new FeatureBlock(PersonSignals.Channels, TopKeys(people, PersonSignals.Channels, maxTags), 1.0),
            new FeatureBlock(PersonSignals.Hours, PersonSignalsBuilder.HourKeys, 1.0),
        ]);
        return unweighted.WithEqualVariance(people.Select(unweighted.Vector).ToList());
    }

    /// <summary>The same keys, each block weighted by 1 / √(its total variance over <paramref name="vectors"/>) (1 when it does not vary).</summary>
    private SegmentFeatureSpace WithEqualVariance(IReadOnlyList<float[]> vectors)
    {
        var blocks = new List<FeatureBlock>();
        var offset = 0;
        foreach (var block in Blocks)
        {
            double variance = 0;
            for (var d = offset; d < offset + block.Keys.Count; d++)
            {
                var mean = vectors.Average(v => (double)v[d]);
                variance += vectors.Average(v => (v[d] - mean) * (v[d] - mean));
            }
            blocks.Add(block with { Weight = variance > 1e-12 ? Math.Round(1 / Math.Sqrt(variance), 6) : 1.0 });
            offset += block.Keys.Count;
        }
        return new SegmentFeatureSpace(blocks);
    }

    public float[] Vector(PersonSignals person)
    {
        var vector = new float[Dimensions];
        var offset = 0;
        foreach (var block in Blocks)
        {
            var values = person.Block(block.Name);
            var raw = block.Keys.Select(k => Math.Max(0, values.GetValueOrDefault(k))).ToArray();
            if (block.Name == PersonSignals.Hours) raw = AroundTheClock(raw);
            var total = raw.Sum();
            if (total > 0)
                for (var i = 0; i < raw.Length; i++) vector[offset + i] = (float)(block.Weight * raw[i] / total);
            offset += block.Keys.Count;
        }
        return vector;
    }

    /// <summary>The key of vector position <paramref name="index"/>: its block and key.</summary>
    public (string Block, string Key) KeyAt(int index)
    {
        foreach (var block in Blocks)
        {
            if (index < block.Keys.Count) return (block.Name, block.Keys[index]);
            index -= block.Keys.Count;
        }
        throw new ArgumentOutOfRangeException(nameof(index), index, $"the space has {Dimensions} dimensions");
    }

    private static IReadOnlyList<string> TopKeys(IReadOnlyList<PersonSignals> people, string block, int max)
    {
        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var person in people)
        {
            var values = person.Block(block);
            var sum = values.Values.Where(v => v > 0).Sum();
            if (sum <= 0) continue;
            foreach (var (key, value) in values)
                if (value > 0) totals[key] = totals.GetValueOrDefault(key) + value / sum;
        }
        return totals.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(max).Select(kv => kv.Key).ToList();
    }

    private static double[] AroundTheClock(double[] hours)
    {
        var n = hours.Length;
        return Enumerable.Range(0, n).Select(h => 0.25 * hours[(h + n - 1) % n] + 0.5 * hours[h] + 0.25 * hours[(h + 1) % n]).ToArray();
    }
}
