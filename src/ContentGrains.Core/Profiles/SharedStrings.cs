using System.Collections.Concurrent;
using ContentGrains.Core.Catalog;
using ContentGrains.Core.Events;

namespace ContentGrains.Core.Profiles;

/// <summary>
/// One string instance per item id, channel, tag and event type name across a silo's profiles. Every event arrives with
/// its own copies (parsed from its request or its grain message, or from a snapshot's JSON), and a profile keeps them as
/// keys of its history, consumed set, interests and counters: with ml-100k's 106 events a person, the copies of ids and
/// of "web" were about a quarter of a profile, and a light person's copies of their tags about a tenth.
/// Item ids are taken from the catalog view the silo holds anyway; channels and tags from small bounded pools.
/// </summary>
public static class SharedStrings
{
    /// <summary>Distinct channels pooled; any beyond (a misbehaving client) keep their own strings.</summary>
    public const int MaxChannels = 1_024;
    /// <summary>Distinct tags pooled (a catalog's vocabulary; about 100 bytes a tag); any beyond keep their own strings.</summary>
    public const int MaxTags = 65_536;
    /// <summary>
    /// Distinct item ids pooled for items the catalog view lacks (about 60 bytes an id with its slot, so at most 16 MB a
    /// silo); any beyond keep their own strings.
    /// </summary>
    public const int MaxPooledItemIds = 262_144;

    private static readonly ConcurrentDictionary<string, string> Channels = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> TagPool = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> ItemIdPool = new(StringComparer.Ordinal);

    /// <summary>The event with the catalog's instance of its item id (when the item is in the view) and the pooled channel.</summary>
    public static Interaction Of(Interaction e, CatalogSnapshot catalog)
    {
        var (itemId, channel) = (ItemId(e.ItemId, catalog), Channel(e.Channel));
        return ReferenceEquals(itemId, e.ItemId) && ReferenceEquals(channel, e.Channel) ? e : e with { ItemId = itemId, Channel = channel };
    }

    /// <summary>
    /// The catalog view's instance of an item id, or a pooled one when the view lacks the item: the view a grain reads
    /// without waiting (<c>CatalogCache.Current</c>) is only as fresh as its last refresh, and during an import that
    /// serves no feeds it is refreshed by nothing, so the items just imported were missing and every profile kept its
    /// own copies of their ids (a tenth of a light person's grain, measured).
    /// </summary>
    public static string ItemId(string itemId, CatalogSnapshot catalog) => catalog.Find(itemId)?.ItemId ?? Pooled(ItemIdPool, itemId, MaxPooledItemIds);

    public static string Channel(string channel) => Pooled(Channels, channel, MaxChannels);

    public static string Tag(string tag) => Pooled(TagPool, tag, MaxTags);

    /// <summary>The tags with the pooled instances (the same list when it holds them already): the keys a profile keeps.</summary>
    public static IReadOnlyList<string> Tags(IReadOnlyList<string> tags)
    {
        for (var i = 0; i < tags.Count; i++)
            if (!ReferenceEquals(Tag(tags[i]), tags[i])) return tags.Select(Tag).ToArray();
        return tags;
    }

    /// <summary>The engine's own instance of an event type's name (a counter's key), or the string itself when it names none.</summary>
    public static string EventTypeName(string name) => EventTypes.TryParse(name, out var type) && type.Name() == name ? type.Name() : name;

    private static string Pooled(ConcurrentDictionary<string, string> pool, string value, int max)
    {
        if (pool.TryGetValue(value, out var shared)) return shared;
        return pool.Count < max ? pool.GetOrAdd(value, value) : value;
    }

    /// <summary>
    /// A profile loaded from a snapshot, with the keys of its history, consumed and disliked sets, recently shown items,
    /// interests, impressions, channels and counters replaced by the shared instances (the JSON reader made one string
    /// per occurrence). The same values, keys and order; each map is rebuilt at its size.
    /// </summary>
    public static void Share(UserProfile profile, CatalogSnapshot catalog)
    {
        for (var i = 0; i < profile.Recent.Count; i++)
        {
            var h = profile.Recent[i];
            profile.Recent[i] = h with { ItemId = ItemId(h.ItemId, catalog), Channel = Channel(h.Channel) };
        }
        string Item(string id) => ItemId(id, catalog);
        if (profile.ReadConsumed.Count > 0) profile.Consumed = Reshared(profile.Consumed, Item);
        if (profile.ReadDisliked.Count > 0) profile.Disliked = Reshared(profile.Disliked, Item);
        if (profile.ReadRecentlyShown.Count > 0) profile.RecentlyShown = Reshared(profile.RecentlyShown, Item);
        if (profile.ReadInterests.Count > 0) profile.Interests = Reshared(profile.Interests, Tag);
        if (profile.ReadTagImpressions.Count > 0) profile.TagImpressions = Reshared(profile.TagImpressions, Tag);
        if (profile.ReadLastActivityByChannel.Count > 0) profile.LastActivityByChannel = Reshared(profile.LastActivityByChannel, Channel);
        profile.ChannelEngagement = Reshared(profile.ChannelEngagement, Channel);
        profile.EventCounts = Reshared(profile.EventCounts, EventTypeName);
    }

    private static Dictionary<string, T> Reshared<T>(Dictionary<string, T> map, Func<string, string> share)
    {
        var shared = new Dictionary<string, T>(map.Count, StringComparer.Ordinal);
        foreach (var (key, value) in map) shared[share(key)] = value;
        return shared;
    }
}
