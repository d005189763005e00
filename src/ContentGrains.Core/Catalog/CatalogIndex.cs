using ContentGrains.Core.Items;

namespace ContentGrains.Core.Catalog;

/// <summary>
/// One catalog shard as candidate generation sees it: every item of the shard with metadata, and its latest popularity.
/// The shard's state: plain data with public setters, snapshotted as JSON by its shard grain; the version
/// changes on every change.
/// </summary>
public sealed class CatalogIndex
{
    public long Version { get; set; }
    public Dictionary<string, CatalogEntry> Entries { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Popularity of items that events named before their metadata arrived.</summary>
    public Dictionary<string, PopularityReport> Orphans { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The highest log sequence whose popularity has reached this index: replay after a crash starts here.</summary>
    public long LogPosition { get; set; }

    public static CatalogEntry EntryFor(string itemId, ItemInfo info) =>
        new(itemId, info.Tags, info.Channels, info.PublishedAt, default, 0, info.Title, Format: info.Format);

    /// <summary>Adds or replaces an item's metadata, keeping the popularity already known.</summary>
    public void Upsert(CatalogEntry entry)
    {
        if (Entries.TryGetValue(entry.ItemId, out var old) && old.EventsApplied > entry.EventsApplied)
            entry = entry with { Trend = old.Trend, EventsApplied = old.EventsApplied, Windows = old.Windows };
        else if (Orphans.Remove(entry.ItemId, out var orphan) && orphan.EventsApplied > entry.EventsApplied)
            entry = entry with { Trend = orphan.Trend, EventsApplied = orphan.EventsApplied, Windows = orphan.Windows };
        Entries[entry.ItemId] = entry;
        Version++;
    }

    /// <summary>
    /// Adds one logged event's engagement directly, when replaying the log after a crash that lost the latest
    /// popularity reports. A later report from the item grain, which counts every event, supersedes this.
    /// </summary>
    public void Replay(long sequence, Events.Interaction e, TimeSpan trendHalfLife)
    {
        var weight = Profiles.EngagementWeights.For(e);
        var (trend, applied, known) = Entries.TryGetValue(e.ItemId, out var entry) ? (entry.Trend, entry.EventsApplied, entry.Windows)
            : Orphans.TryGetValue(e.ItemId, out var orphan) ? (orphan.Trend, orphan.EventsApplied, orphan.Windows) : (default, 0L, null);
        if (weight > 0) trend.Add(weight, e.Timestamp, trendHalfLife);
        var windows = known?.Copy() ?? new Click.RecentWindows(); // a copy: snapshots already published may hold the old one
        windows.Record(e);
        Report(new PopularityReport(e.ItemId, trend, applied + 1, windows));
        LogPosition = Math.Max(LogPosition, sequence);
    }

    /// <summary>Takes the newest report per item; an older report that arrives late is ignored.</summary>
    public void Report(PopularityReport report)
    {
        if (Entries.TryGetValue(report.ItemId, out var entry))
        {
            if (report.EventsApplied <= entry.EventsApplied) return;
            Entries[report.ItemId] = entry with { Trend = report.Trend, EventsApplied = report.EventsApplied, Windows = report.Windows ?? entry.Windows };
        }
        else
        {
            if (Orphans.TryGetValue(report.ItemId, out var old) && old.EventsApplied >= report.EventsApplied) return;
            Orphans[report.ItemId] = report;
        }
        Version++;
    }
}
