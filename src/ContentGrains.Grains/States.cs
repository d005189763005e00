using ContentGrains.Core.Channels;
using ContentGrains.Core.Items;
using ContentGrains.Core.Log;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Grains;

// Snapshot shapes. Grain storage writes these as JSON with their type names: renaming a type or its
// namespace breaks stored rows, so these names are fixed.

public sealed class UserState : ICompactState
{
    private PersonExposure? exposure;
    private UserProfile? profile = new();
    private FrozenProfile packed;

    /// <summary>
    /// The live profile. <see cref="Compact"/> packs it (<see cref="FrozenProfile"/>: a few hundred bytes where the
    /// objects took kilobytes) once its snapshot is written, and the next use unpacks it: an idle grain holds only the
    /// packed bytes. Private fields, so the snapshot's JSON is the profile's, as before.
    /// </summary>
    public UserProfile Profile
    {
        get
        {
            if (profile is null) (profile, packed) = (packed.Thaw(), default);
            return profile;
        }
        set => (profile, packed) = (value, default);
    }

    /// <summary>
    /// The profile for a read that changes nothing (a feed, a profile or segment view): the live one, or while it is packed
    /// a copy unpacked for this read alone, which the grain does not keep. Reading <see cref="Profile"/> kept the copy:
    /// every feed to an idle person left kilobytes of profile objects behind (till the person's next written snapshot),
    /// and a collection promoted them all, reached from the old grain (bench/load at 1,000 feeds/s, session 12).
    /// A method, not a property, so that the snapshot's JSON does not gain it.
    /// </summary>
    public UserProfile ReadProfile() => profile ?? packed.Thaw();

    /// <summary>
    /// Whether the profile is packed now (an idle grain's), and its packed bytes: for tests and measurements. Methods, not
    /// properties, so that the snapshot's JSON does not gain them.
    /// </summary>
    public int? PackedProfileBytes() => profile is null ? packed.PackedBytes : null;

    /// <summary>
    /// Sends on every channel, "see less" marks and the time zone: the one record of the person's exposure. Made on first
    /// use, and dropped by <see cref="Compact"/> while it holds nothing but the default time zone (most people).
    /// </summary>
    public PersonExposure Exposure { get => exposure ??= new(); set => exposure = value; }
    public AppliedWindow Applied { get; set; } = new();
    /// <summary>Interests per topic of the served topic model, moved by every event (Core.Topics.LiveTopicInterests).</summary>
    public Core.Topics.TopicInterests Topics { get; set; } = new();

    /// <summary>
    /// Frees what an idle grain does not need; every value stays (the JSON is the same before and after). The profile is
    /// packed, so the first call after it pays one unpacking (microseconds for a light person, measured in
    /// bench/results/grain-memory.json); a grain that keeps serving feeds keeps its profile unpacked until its next snapshot.
    /// </summary>
    public void Compact()
    {
        if (profile is not null) (packed, profile) = (FrozenProfile.Of(profile), null);
        Applied.Compact();
        Topics.Compact();
        if (exposure is { Sends.Count: 0, SeeLess.Count: 0 } && exposure.TimeZone == PersonTimeZone.Default) exposure = null;
    }
}

/// <summary>Every item's headline-test posteriors, for the silos' feed caches (<see cref="VariantBoardGrain"/>).</summary>
public sealed class VariantBoardState
{
    public Dictionary<string, Core.Variants.VariantPosteriors> Items { get; set; } = new(StringComparer.Ordinal);
}

public sealed class ItemState
{
    public ItemInfo? Metadata { get; set; }
    public ItemCounters Counters { get; set; } = new();
    /// <summary>The headline test's counts and state (empty when the item has no variants).</summary>
    public Core.Variants.VariantTest Variants { get; set; } = new();
    public AppliedWindow Applied { get; set; } = new();
}

/// <summary>A channel's snapshot: its rules (null until set) and when they were set.</summary>
public sealed class ChannelState
{
    public Core.Channels.ChannelRules? Rules { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
