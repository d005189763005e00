using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Topics;

/// <summary>
/// A person's interest in each topic of one topic model, decaying like tag interests (<see cref="DecayingValue"/>):
/// each engagement adds its weight times the item's topic mixture. Shares under <see cref="MinShare"/> are skipped so
/// the profile stays as small as the person's real interests. Interests belong to the model version they were learned
/// under: topic 3 of a refitted model is another topic, so a new version starts them afresh.
/// </summary>
public sealed class TopicInterests
{
    public const double MinShare = 0.05;

    private Dictionary<int, DecayingValue>? weights;

    public long ModelVersion { get; set; }
    /// <summary>Made on first use, and dropped by <see cref="Compact"/> while empty (most people, until a topic model is served).</summary>
    public Dictionary<int, DecayingValue> Weights { get => weights ??= []; set => weights = value; }

    /// <summary>Drops the map while empty and the spare slots of a full one: run once a snapshot is written.</summary>
    public void Compact()
    {
        if (weights is { Count: 0 }) weights = null;
        weights?.TrimExcess();
    }

    public void Add(long modelVersion, IReadOnlyList<float> mixture, double weight, DateTimeOffset at, TimeSpan halfLife)
    {
        if (modelVersion != ModelVersion) (ModelVersion, Weights) = (modelVersion, []);
        if (weight == 0) return;
        for (var topic = 0; topic < mixture.Count; topic++)
        {
            if (mixture[topic] < MinShare) continue;
            var value = Weights.GetValueOrDefault(topic);
            value.Add(weight * mixture[topic], at, halfLife);
            Weights[topic] = value;
        }
    }

    /// <summary>Each topic's interest now, as a share of the positive total (heaviest first); empty under another model version.</summary>
    public IReadOnlyList<TopicShare> At(long modelVersion, DateTimeOffset now, TimeSpan halfLife)
    {
        if (modelVersion != ModelVersion || weights is null) return [];
        var values = weights.Select(w => new TopicShare(w.Key, w.Value.ValueAt(now, halfLife))).Where(s => s.Share > 0).ToList();
        var total = values.Sum(s => s.Share);
        return values.Select(s => s with { Share = s.Share / total }).OrderByDescending(s => s.Share).ThenBy(s => s.Topic).ToList();
    }

    /// <summary>How well an item's mixture matches the interests: the sum over topics of interest share × item share, in [0, 1].</summary>
    public static double Match(IReadOnlyList<TopicShare> interests, IReadOnlyList<float> itemMixture) =>
        interests.Where(s => s.Topic < itemMixture.Count).Sum(s => s.Share * itemMixture[s.Topic]);
}

/// <summary>A topic and its share (of a person's interests, or of an item's mixture).</summary>
public sealed record TopicShare(int Topic, double Share);
