using ContentGrains.Core.Events;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Topics;

/// <summary>
/// Keeps a person's <see cref="TopicInterests"/> live under the served topics: every event adds its engagement weight
/// (<see cref="EngagementWeights"/>) times its item's mixture, so the next event moves them. When a refit is served
/// (another version: topic 3 is then another topic) the interests are rebuilt from the person's recent history ring,
/// so a refit does not make everyone a stranger.
/// </summary>
public sealed class LiveTopicInterests(TimeSpan halfLife)
{
    /// <summary>
    /// Applies one event; nothing when the item has no topics. When no topics are in hand (a silo that has not loaded
    /// them yet) the interests are marked for a rebuild from the history, which holds this event.
    /// </summary>
    public void Apply(TopicInterests interests, TopicBook? topics, Interaction e)
    {
        if (topics is null)
        {
            interests.ModelVersion = 0;
            return;
        }
        if (topics.Of(e.ItemId) is not { } item) return;
        if (interests.ModelVersion != topics.Version) return; // rebuilt from the history when next read
        interests.Add(topics.Version, item.Dense(topics.Count), EngagementWeights.For(e), e.Timestamp, halfLife);
    }

    /// <summary>The interests now as shares, heaviest first; rebuilt from <paramref name="recent"/> first under a new version.</summary>
    public IReadOnlyList<TopicShare> At(TopicInterests interests, TopicBook? topics, IReadOnlyList<HistoryEntry> recent, DateTimeOffset now)
    {
        if (topics is null) return [];
        if (interests.ModelVersion != topics.Version) Rebuild(interests, topics, recent);
        return interests.At(topics.Version, now, halfLife);
    }

    private void Rebuild(TopicInterests interests, TopicBook topics, IReadOnlyList<HistoryEntry> recent)
    {
        interests.Add(topics.Version, [], 0, DateTimeOffset.UnixEpoch, halfLife); // starts the version afresh
        foreach (var h in recent)
        {
            if (topics.Of(h.ItemId) is not { } item) continue;
            var e = new Interaction("", "", h.ItemId, h.Type, h.Timestamp, h.Channel, 0, null, null);
            interests.Add(topics.Version, item.Dense(topics.Count), EngagementWeights.For(e), h.Timestamp, halfLife);
        }
    }
}
