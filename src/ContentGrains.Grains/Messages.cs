using ContentGrains.Abstractions;
using ContentGrains.Core.Catalog;
using ContentGrains.Core.Click;
using ContentGrains.Core.Events;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Grains;

// Records that travel between grains inside the engine. Core stays free of Orleans, so these wire shapes
// live here with their mappings; clients never see them.

/// <summary>A logged event as it travels to the grains that apply it.</summary>
[GenerateSerializer, Immutable, Alias("cg.LoggedEventMessage")]
public sealed record LoggedEventMessage(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string EventId,
    [property: Id(2)] string UserId,
    [property: Id(3)] string ItemId,
    [property: Id(4)] EventType Type,
    [property: Id(5)] DateTimeOffset Timestamp,
    [property: Id(6)] string Channel,
    [property: Id(7)] double DwellSeconds,
    [property: Id(8)] double? Value,
    [property: Id(9)] string? Text,
    [property: Id(10)] string? Variant = null)
{
    public static LoggedEventMessage From(LoggedInteraction logged)
    {
        var e = logged.Event;
        return new(logged.Sequence, e.EventId, e.UserId, e.ItemId, e.Type, e.Timestamp, e.Channel, e.DwellSeconds, e.Value, e.Text, e.Variant);
    }

    public Interaction ToInteraction() => new(EventId, UserId, ItemId, Type, Timestamp, Channel, DwellSeconds, Value, Text, Variant);
}

/// <summary>A logged event with the tags of its item, for the user's interest profile.</summary>
[GenerateSerializer, Immutable, Alias("cg.TaggedEventMessage")]
public sealed record TaggedEventMessage([property: Id(0)] LoggedEventMessage Event, [property: Id(1)] IReadOnlyList<string> ItemTags);

/// <summary>What an item grain answers after applying events: whether it has metadata, its tags, its popularity.</summary>
[GenerateSerializer, Immutable, Alias("cg.ItemApplied")]
public sealed record ItemApplied(
    [property: Id(0)] bool Known,
    [property: Id(1)] IReadOnlyList<string> Tags,
    [property: Id(2)] double TrendValue,
    [property: Id(3)] long TrendAsOfUnixMs,
    [property: Id(4)] long EventsApplied,
    [property: Id(5)] WindowsMessage? Windows = null);

/// <summary>An item's <see cref="RecentWindows"/> on the wire: the decayed windows as (value, as-of) pairs, the totals, first seen.</summary>
[GenerateSerializer, Immutable, Alias("cg.WindowsMessage")]
public sealed record WindowsMessage(
    [property: Id(0)] double[] ImpressionValues,
    [property: Id(1)] long[] ImpressionsAsOf,
    [property: Id(2)] double[] ClickValues,
    [property: Id(3)] long[] ClicksAsOf,
    [property: Id(4)] long TotalImpressions,
    [property: Id(5)] long TotalClicks,
    [property: Id(6)] DateTimeOffset? FirstSeen)
{
    public static WindowsMessage? From(RecentWindows? w) => w is null ? null : new(
        w.Impressions.Select(v => v.Value).ToArray(), w.Impressions.Select(v => v.AsOfUnixMs).ToArray(),
        w.Clicks.Select(v => v.Value).ToArray(), w.Clicks.Select(v => v.AsOfUnixMs).ToArray(),
        w.TotalImpressions, w.TotalClicks, w.FirstSeen);

    public RecentWindows ToWindows() => new()
    {
        Impressions = Decaying(ImpressionValues, ImpressionsAsOf),
        Clicks = Decaying(ClickValues, ClicksAsOf),
        TotalImpressions = TotalImpressions,
        TotalClicks = TotalClicks,
        FirstSeen = FirstSeen,
    };

    private static DecayingValue[] Decaying(double[] values, long[] asOf)
    {
        if (values.Length != RecentWindows.HalfLives.Count || asOf.Length != values.Length)
            throw new ArgumentException($"windows: expected {RecentWindows.HalfLives.Count} values and times, got {values.Length} and {asOf.Length}");
        return values.Select((v, i) => new DecayingValue { Value = v, AsOfUnixMs = asOf[i] }).ToArray();
    }
}

/// <summary>One catalog entry on the wire.</summary>
[GenerateSerializer, Immutable, Alias("cg.CatalogEntryMessage")]
public sealed record CatalogEntryMessage(
    [property: Id(0)] string ItemId,
    [property: Id(1)] IReadOnlyList<string> Tags,
    [property: Id(2)] IReadOnlyList<string> Channels,
    [property: Id(3)] DateTimeOffset? PublishedAt,
    [property: Id(4)] double TrendValue,
    [property: Id(5)] long TrendAsOfUnixMs,
    [property: Id(6)] long EventsApplied,
    [property: Id(7)] string? Title,
    [property: Id(8)] WindowsMessage? Windows = null,
    [property: Id(9)] string? Format = null)
{
    public static CatalogEntryMessage From(CatalogEntry e) =>
        new(e.ItemId, e.Tags, e.Channels, e.PublishedAt, e.Trend.Value, e.Trend.AsOfUnixMs, e.EventsApplied, e.Title, WindowsMessage.From(e.Windows), e.Format);

    public CatalogEntry ToEntry() =>
        new(ItemId, Tags, Channels, PublishedAt, new DecayingValue { Value = TrendValue, AsOfUnixMs = TrendAsOfUnixMs }, EventsApplied, Title,
            Windows?.ToWindows(), Format);
}

/// <summary>An item's popularity as reported to the catalog.</summary>
[GenerateSerializer, Immutable, Alias("cg.PopularityMessage")]
public sealed record PopularityMessage(
    [property: Id(0)] string ItemId,
    [property: Id(1)] double TrendValue,
    [property: Id(2)] long TrendAsOfUnixMs,
    [property: Id(3)] long EventsApplied,
    [property: Id(4)] WindowsMessage? Windows = null)
{
    public PopularityReport ToReport() =>
        new(ItemId, new DecayingValue { Value = TrendValue, AsOfUnixMs = TrendAsOfUnixMs }, EventsApplied, Windows?.ToWindows());
}

/// <summary>A catalog shard's entries changed since a silo's version (or all of them, when <see cref="Full"/>), and its version now.</summary>
[GenerateSerializer, Immutable, Alias("cg.CatalogChanges")]
public sealed record CatalogChanges(
    [property: Id(0)] long Epoch,
    [property: Id(1)] long Version,
    [property: Id(2)] bool Full,
    [property: Id(3)] IReadOnlyList<CatalogEntryMessage> Entries);

/// <summary>A catalog shard's activation, version, item count, and the oldest version its change log serves.</summary>
[GenerateSerializer, Immutable, Alias("cg.CatalogShardStatus")]
public sealed record CatalogShardStatus(
    [property: Id(0)] int Shard,
    [property: Id(1)] long Epoch,
    [property: Id(2)] long Version,
    [property: Id(3)] int Items,
    [property: Id(4)] long ChangeLogReachesBack);

/// <summary>The result of storing item metadata: the field errors, or the catalog entry to publish.</summary>
[GenerateSerializer, Immutable, Alias("cg.ItemStored")]
public sealed record ItemStored([property: Id(0)] IReadOnlyList<FieldError> Errors, [property: Id(1)] CatalogEntryMessage? Entry);
