using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Click;

/// <summary>
/// The person's side of a click-model row, as of the moment a feed is built: how many items they have engaged with,
/// when they were last seen, the tags of their most recent items, and their response to each tag (engagement per
/// impression, <see cref="TagResponse"/>). The live feed fills it from the person's profile, and the log replay from
/// the events before the impression, through <see cref="From"/> both times.
/// </summary>
public sealed record ClickPerson(int HistoryLength, DateTimeOffset? LastSeen, IReadOnlySet<string> RecentTags)
{
    public TagResponse Response { get; init; } = TagResponse.None;

    /// <summary>The person under the embedding feed model (served live, in force at the feed replayed; their vector gives the row's embedding_score); null without one.</summary>
    public PersonEmbedding? Embedding { get; init; }

    /// <summary>How many of the most recent items give the person's tags (the feed's own "recent items for similar").</summary>
    public const int RecentItemCount = 10;

    /// <param name="newestFirst">The items the person engaged with, newest first (only the first <see cref="RecentItemCount"/> are read).</param>
    /// <param name="tagsOf">An item's tags, or null when the item is unknown.</param>
    /// <param name="response">The person's response to each tag now; null when unknown.</param>
    /// <param name="model">The feed model (served, or in force at a replayed feed): an embedding model gives the person's vector from the whole of <paramref name="newestFirst"/>.</param>
    public static ClickPerson From(int historyLength, DateTimeOffset? lastSeen, IReadOnlyCollection<string> newestFirst, Func<string, IReadOnlyList<string>?> tagsOf,
        TagResponse? response = null, Live.LiveModel? model = null)
    {
        var tags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var itemId in newestFirst.Take(RecentItemCount))
            if (tagsOf(itemId) is { } itemTags) tags.UnionWith(itemTags);
        return new ClickPerson(historyLength, lastSeen, tags) { Response = response ?? TagResponse.None, Embedding = PersonEmbedding.Of(model, newestFirst) };
    }
}
