using System.Collections.Concurrent;
using ContentGrains.Core.Catalog;
using ContentGrains.Core.Events;

namespace ContentGrains.Core.Profiles;

/// <summary>
/// One string instance per item id and per channel across a silo's profiles. Every event arrives with its own copies
/// (parsed from its request, or from a snapshot's JSON), and a profile keeps them in its history, consumed set and
/// recency order: with ml-100k's 106 events a person, the copies of ids and of "web" were about a quarter of a profile.
/// Item ids are taken from the catalog view the silo holds anyway; channels from a small bounded pool.
/// </summary>
public static class SharedStrings
{
    /// <summary>Distinct channels pooled; any beyond (a misbehaving client) keep their own strings.</summary>
    public const int MaxChannels = 1_024;

    private static readonly ConcurrentDictionary<string, string> Channels = new(StringComparer.Ordinal);

    /// <summary>The event with the catalog's instance of its item id (when the item is in the view) and the pooled channel.</summary>
    public static Interaction Of(Interaction e, CatalogSnapshot catalog)
    {
        var (itemId, channel) = (ItemId(e.ItemId, catalog), Channel(e.Channel));
        return ReferenceEquals(itemId, e.ItemId) && ReferenceEquals(channel, e.Channel) ? e : e with { ItemId = itemId, Channel = channel };
    }

    public static string ItemId(string itemId, CatalogSnapshot catalog) => catalog.Find(itemId)?.ItemId ?? itemId;

    public static string Channel(string channel)
    {
        if (Channels.TryGetValue(channel, out var shared)) return shared;
        return Channels.Count < MaxChannels ? Channels.GetOrAdd(channel, channel) : channel;
    }

    /// <summary>
    /// A profile loaded from a snapshot, with its history's and consumed set's ids and channels replaced by the shared
    /// instances (the JSON reader made one string per occurrence). The same values, keys and order.
    /// </summary>
    public static void Share(UserProfile profile, CatalogSnapshot catalog)
    {
        for (var i = 0; i < profile.Recent.Count; i++)
        {
            var h = profile.Recent[i];
            profile.Recent[i] = h with { ItemId = ItemId(h.ItemId, catalog), Channel = Channel(h.Channel) };
        }
        var consumed = new Dictionary<string, DateTimeOffset>(profile.Consumed.Count, StringComparer.Ordinal);
        foreach (var (itemId, at) in profile.Consumed) consumed[ItemId(itemId, catalog)] = at;
        profile.Consumed = consumed;
    }
}
