using ContentGrains.Core.Click;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Catalog;

/// <summary>
/// What the feed needs to know about one item: tags, channels, age, current popularity, its title for reasons, and its
/// impression and engagement windows for the click model (null until its grain has reported them). Windows is never
/// the item grain's live object: each report carries its own copy.
/// </summary>
public sealed record CatalogEntry(
    string ItemId,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Channels,
    DateTimeOffset? PublishedAt,
    DecayingValue Trend,
    long EventsApplied,
    string? Title = null,
    RecentWindows? Windows = null,
    string? Format = null)
{
    /// <summary>An item with no channel list may go to any channel. Item channels are stored lower-case; requests may use any case.</summary>
    public bool FitsChannel(string? channel)
    {
        if (channel is null || Channels.Count == 0) return true;
        // An indexed loop: Enumerable.Contains with a comparer allocates an enumerator, and a feed asks this thousands of times.
        for (var i = 0; i < Channels.Count; i++)
            if (string.Equals(Channels[i], channel, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}

/// <summary>An item's popularity as its grain last reported it; EventsApplied orders reports that cross in flight.</summary>
public sealed record PopularityReport(string ItemId, DecayingValue Trend, long EventsApplied, RecentWindows? Windows = null);
