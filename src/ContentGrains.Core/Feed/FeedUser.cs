using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Feed;

/// <summary>
/// What the feed needs to know about the person: interests by tag (strongest first), the items never to offer again
/// (consumed or disliked), the items they engaged with (most recent first, the model's input), and their id, which
/// seeds the exploration slot so one person's feed is stable within the hour. RecentlyShown (shown lately and not
/// engaged with) go behind fresh candidates; LastSeen is the person's latest event, a click-model signal; Response is
/// their engagement per impression by tag.
/// </summary>
public sealed record FeedUser(
    string UserId,
    IReadOnlyList<KeyValuePair<string, double>> Interests,
    IReadOnlySet<string> Excluded,
    IReadOnlyList<string> History)
{
    public IReadOnlySet<string> RecentlyShown { get; init; } = NoneShown;
    public DateTimeOffset? LastSeen { get; init; }
    /// <summary>How the person answers each tag when shown it; <see cref="TagResponse.None"/> when no impressions were logged.</summary>
    public TagResponse Response { get; init; } = TagResponse.None;
    /// <summary>The person's topic interests under the served topic model (shares, heaviest first); empty without one.</summary>
    public IReadOnlyList<Topics.TopicShare> Topics { get; init; } = [];

    /// <summary>The empty set of the recently shown, shared (read-only): a new empty set per feed was a needless allocation.</summary>
    public static readonly IReadOnlySet<string> NoneShown = System.Collections.Frozen.FrozenSet<string>.Empty;

    public static FeedUser Anonymous(string userId) => new(userId, [], new HashSet<string>(), []);
}
