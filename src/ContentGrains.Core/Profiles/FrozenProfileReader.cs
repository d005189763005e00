using ContentGrains.Core.Collections;
using ContentGrains.Core.Events;
using static ContentGrains.Core.Profiles.FrozenProfileWriter;

namespace ContentGrains.Core.Profiles;

/// <summary>Unpacks what <see cref="FrozenProfileWriter"/> packed, in the same order; every byte must be read.</summary>
internal sealed class FrozenProfileReader(byte[] data, string[]? own, PackedStringTable table)
{
    private readonly Dictionary<string, long> historyTicks = new(StringComparer.Ordinal);
    private string[] strings = [];
    private int position;
    private long lastTicks, lastMs;

    public UserProfile Read()
    {
        strings = StringTable();
        var profile = new UserProfile { Recent = History() };
        if (Values() is { } interests) profile.Interests = interests;
        if (Values() is { } impressions) profile.TagImpressions = impressions;
        if (Values() is { } channels) profile.ChannelEngagement = channels;
        if (Counts() is { } counts) profile.EventCounts = counts;
        profile.ActiveHours = Hours();
        if (Times(byItem: false) is { } lastActivity) profile.LastActivityByChannel = lastActivity;
        if (Times(byItem: true) is { } consumed) profile.Consumed = consumed;
        if (Times(byItem: true) is { } disliked) profile.Disliked = disliked;
        if (Times(byItem: true) is { } shown) profile.RecentlyShown = shown;
        // A shorter or longer read means the writer and reader disagree.
        if (position != data.Length) throw new InvalidOperationException($"a packed profile of {data.Length} bytes was read to {position}");
        return profile;
    }

    private string[] StringTable()
    {
        var result = new string[Count()];
        for (var i = 0; i < result.Length; i++)
        {
            var entry = Unsigned();
            var index = checked((int)(entry >> 1));
            result[i] = (entry & 1) == 0 ? table.At(index)
                : own is not null && index < own.Length ? own[index]
                : throw new InvalidOperationException($"a packed profile names own string {index} of {own?.Length ?? 0}");
        }
        return result;
    }

    private List<HistoryEntry> History()
    {
        var count = Count();
        var recent = new List<HistoryEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var itemId = String();
            var type = (EventType)Byte();
            var (ticks, _) = Instant(null);
            recent.Add(new HistoryEntry(itemId, type, new DateTimeOffset(ticks, TimeSpan.Zero), String()));
            historyTicks[itemId] = ticks;
        }
        return recent;
    }

    /// <summary>Null for an empty map: the profile makes it on first use, as after compacting.</summary>
    private Dictionary<string, DecayingValue>? Values()
    {
        var count = Count();
        if (count == 0) return null;
        var map = new Dictionary<string, DecayingValue>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = String();
            var value = Double();
            map.Add(key, new DecayingValue { Value = value, AsOfUnixMs = Ms() });
        }
        return map;
    }

    private Dictionary<string, long>? Counts()
    {
        var count = Count();
        if (count == 0) return null;
        var map = new Dictionary<string, long>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++) map.Add(String(), Varints.ReadSigned(data, ref position));
        return map;
    }

    private HourHistogram Hours()
    {
        var length = Count();
        var weights = length == 0 ? Array.Empty<double>() : new double[length];
        var masks = position;
        position += (length + 7) / 8;
        for (var h = 0; h < length; h++)
            if ((data[masks + h / 8] & (1 << (h % 8))) != 0) weights[h] = Double();
        return new HourHistogram { Weights = weights, AsOfUnixMs = Ms() };
    }

    private Dictionary<string, DateTimeOffset>? Times(bool byItem)
    {
        var count = Count();
        if (count == 0) return null;
        var map = new Dictionary<string, DateTimeOffset>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = String();
            var (ticks, offsetMinutes) = Instant(byItem ? key : null);
            var utc = new DateTimeOffset(ticks, TimeSpan.Zero);
            map.Add(key, offsetMinutes == 0 ? utc : utc.ToOffset(TimeSpan.FromMinutes(offsetMinutes)));
        }
        return map;
    }

    private (long Ticks, long OffsetMinutes) Instant(string? item)
    {
        var raw = Unsigned();
        if ((raw & 3) != Escape) return (lastTicks = unchecked(lastTicks + Scaled(raw, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMillisecond)), 0);
        if (raw >> 2 == AsInHistory)
        {
            if (item is null || !historyTicks.TryGetValue(item, out var ticks))
                throw new InvalidOperationException($"a packed profile gives '{item}' the instant of a history entry it lacks");
            return (lastTicks = ticks, 0);
        }
        var offset = Varints.ReadSigned(data, ref position);
        return (lastTicks = unchecked(lastTicks + Varints.ReadSigned(data, ref position)), offset);
    }

    private long Ms()
    {
        var raw = Unsigned();
        if ((raw & 3) != Escape) return lastMs = unchecked(lastMs + Scaled(raw, 1_000, 1));
        Varints.ReadSigned(data, ref position); // the offset, always 0 for milliseconds
        return lastMs = unchecked(lastMs + Varints.ReadSigned(data, ref position));
    }

    private static long Scaled(ulong raw, long coarse, long fine)
    {
        var units = Varints.UnZigZag(raw >> 2);
        return (raw & 3) switch { Seconds => units * coarse, Milliseconds => units * fine, _ => units };
    }

    private string String() => strings[Count()];

    private int Count() => checked((int)Unsigned());

    private byte Byte() => data[position++];

    private double Double()
    {
        var value = BitConverter.ToDouble(data, position);
        position += 8;
        return value;
    }

    private ulong Unsigned() => Varints.ReadUnsigned(data, ref position);
}
