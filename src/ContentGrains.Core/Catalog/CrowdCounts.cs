using System.Collections.Immutable;
using ContentGrains.Core.Click;

namespace ContentGrains.Core.Catalog;

/// <summary>
/// The <see cref="CatalogView"/>'s running sums behind <see cref="CrowdResponse"/>: impressions and engagements per tag
/// and over all items, kept by deltas. Each applied entry takes its previous report's counts off its previous tags and
/// adds its new ones (O(tags)), so nothing scans the catalog; publishing copies only the tags that changed. Not
/// thread-safe on its own: the view calls it under its write lock.
/// </summary>
internal sealed class CrowdCounts
{
    private readonly Dictionary<string, WindowCount> byTag = new(StringComparer.Ordinal);
    private readonly HashSet<string> changed = new(StringComparer.Ordinal);
    private ImmutableDictionary<string, WindowCount> published = ImmutableDictionary.Create<string, WindowCount>(StringComparer.Ordinal);
    private WindowCount total;
    private CrowdResponse? last;
    private bool dirty = true;

    /// <summary>Replaces what <paramref name="old"/> (null for a new item) counted with what <paramref name="entry"/> counts.</summary>
    public void Replace(CatalogEntry? old, CatalogEntry entry)
    {
        if (old is not null) Add(old, -1);
        Add(entry, 1);
    }

    /// <summary>The sums as of now; the same object until an entry with counts changes them.</summary>
    public CrowdResponse Publish()
    {
        if (last is not null && !dirty) return last;
        foreach (var tag in changed) published = published.SetItem(tag, byTag[tag]);
        changed.Clear();
        dirty = false;
        return last = new CrowdResponse(published, total);
    }

    private void Add(CatalogEntry entry, int sign)
    {
        if (entry.Windows is not { } windows || (windows.TotalImpressions == 0 && windows.TotalClicks == 0)) return;
        var counts = new WindowCount(sign * windows.TotalImpressions, sign * windows.TotalClicks);
        total = Plus(total, counts);
        foreach (var tag in entry.Tags)
        {
            byTag[tag] = Plus(byTag.GetValueOrDefault(tag), counts);
            changed.Add(tag);
        }
        dirty = true;
    }

    private static WindowCount Plus(WindowCount a, WindowCount b) => new(a.Impressions + b.Impressions, a.Clicks + b.Clicks);
}
