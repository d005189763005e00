using System.Buffers;
using ContentGrains.Core.Collections;

namespace ContentGrains.Core.Profiles;

/// <summary>
/// Packs a profile (<see cref="FrozenProfile"/>). Layout: the string table (its count, then per string its number in the
/// silo's <see cref="PackedStringTable"/> shifted left by one, or the index of an own reference shifted with its low bit
/// set), then the body: the history, the three decaying maps, the counts, the hours, then the four maps of instants.
/// <para>
/// An instant is one varint whose low two bits say what the rest is: its difference to the previous instant in whole
/// seconds (0), whole milliseconds (1) or ticks (2); or (3) an exception named by the next bits: kind 0, "the instant of
/// this item's last history entry" (nothing more follows), kind 1, an offset in minutes and the raw difference (an
/// offset other than UTC, or a difference too large to shift).
/// </para>
/// </summary>
internal sealed class FrozenProfileWriter(PackedStringTable table)
{
    internal const int Seconds = 0, Milliseconds = 1, Ticks = 2, Escape = 3;
    internal const int AsInHistory = 0, WithOffset = 1;

    private readonly ArrayBufferWriter<byte> body = new(256);
    private readonly ArrayBufferWriter<byte> strings = new(64);
    private readonly Dictionary<string, int> local = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> historyTicks = new(StringComparer.Ordinal);
    private List<string>? own;
    private long lastTicks, lastMs;

    public FrozenProfile Write(UserProfile profile)
    {
        History(profile.Recent);
        Values(profile.ReadInterests);
        Values(profile.ReadTagImpressions);
        Values(profile.ReadChannelEngagement);
        Counts(profile.ReadEventCounts);
        Hours(profile.ActiveHours);
        Times(profile.ReadLastActivityByChannel, byItem: false);
        Times(profile.ReadConsumed, byItem: true);
        Times(profile.ReadDisliked, byItem: true);
        Times(profile.ReadRecentlyShown, byItem: true);
        return new FrozenProfile(Bytes(), own?.ToArray());
    }

    private byte[] Bytes()
    {
        var count = new ArrayBufferWriter<byte>(4);
        Varints.WriteUnsigned(count, (ulong)local.Count);
        return [.. count.WrittenSpan, .. strings.WrittenSpan, .. body.WrittenSpan];
    }

    private void History(List<HistoryEntry> recent)
    {
        Unsigned((ulong)recent.Count);
        foreach (var entry in recent)
        {
            var ticks = entry.Timestamp.UtcTicks;
            String(entry.ItemId);
            Byte((byte)entry.Type);
            Instant(ticks, 0, asInHistory: false);
            String(entry.Channel);
            historyTicks[entry.ItemId] = ticks;
        }
    }

    private void Values(IReadOnlyDictionary<string, DecayingValue> map)
    {
        Unsigned((ulong)map.Count);
        foreach (var (key, value) in map)
        {
            String(key);
            Double(value.Value);
            Ms(value.AsOfUnixMs);
        }
    }

    private void Counts(IReadOnlyDictionary<string, long> map)
    {
        Unsigned((ulong)map.Count);
        foreach (var (key, value) in map)
        {
            String(key);
            Varints.WriteSigned(body, value);
        }
    }

    /// <summary>The bins' count, a bit per bin that is not zero (to the bit: -0.0 counts), then those bins.</summary>
    private void Hours(HourHistogram hours)
    {
        var weights = hours.Weights;
        Unsigned((ulong)weights.Length);
        for (var start = 0; start < weights.Length; start += 8)
        {
            byte mask = 0;
            for (var bit = 0; bit < 8 && start + bit < weights.Length; bit++)
                if (BitConverter.DoubleToInt64Bits(weights[start + bit]) != 0) mask |= (byte)(1 << bit);
            Byte(mask);
        }
        foreach (var weight in weights)
            if (BitConverter.DoubleToInt64Bits(weight) != 0) Double(weight);
        Ms(hours.AsOfUnixMs);
    }

    /// <param name="byItem">Keys are item ids: an instant equal to the item's last history entry's takes one byte.</param>
    private void Times(IReadOnlyDictionary<string, DateTimeOffset> map, bool byItem)
    {
        Unsigned((ulong)map.Count);
        foreach (var (key, at) in map)
        {
            String(key);
            var asInHistory = byItem && at.Offset == TimeSpan.Zero && historyTicks.TryGetValue(key, out var ticks) && ticks == at.UtcTicks;
            Instant(at.UtcTicks, (long)at.Offset.TotalMinutes, asInHistory);
        }
    }

    private void Instant(long ticks, long offsetMinutes, bool asInHistory)
    {
        var delta = unchecked(ticks - lastTicks);
        lastTicks = ticks;
        if (asInHistory) Unsigned(Escape | AsInHistory << 2);
        else if (offsetMinutes != 0 || !TryScaled(delta, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMillisecond))
        {
            Unsigned(Escape | WithOffset << 2);
            Varints.WriteSigned(body, offsetMinutes);
            Varints.WriteSigned(body, delta);
        }
    }

    /// <summary>Unix milliseconds (decaying values, hours): the difference in whole seconds or milliseconds.</summary>
    private void Ms(long ms)
    {
        var delta = unchecked(ms - lastMs);
        lastMs = ms;
        if (TryScaled(delta, 1_000, 1)) return;
        Unsigned(Escape | WithOffset << 2);
        Varints.WriteSigned(body, 0);
        Varints.WriteSigned(body, delta);
    }

    private bool TryScaled(long delta, long coarse, long fine)
    {
        var (tag, units) = delta % coarse == 0 ? (Seconds, delta / coarse) : delta % fine == 0 ? (Milliseconds, delta / fine) : (Ticks, delta);
        var zigzag = Varints.ZigZag(units);
        if (zigzag >> 62 != 0) return false; // would not survive the shift by the tag's two bits
        Unsigned(zigzag << 2 | (uint)tag);
        return true;
    }

    private void String(string value)
    {
        if (!local.TryGetValue(value, out var index))
        {
            index = local.Count;
            local.Add(value, index);
            var number = table.NumberOf(value);
            if (number >= 0) Varints.WriteUnsigned(strings, (ulong)number << 1);
            else
            {
                own ??= [];
                Varints.WriteUnsigned(strings, (ulong)own.Count << 1 | 1);
                own.Add(value);
            }
        }
        Unsigned((ulong)index);
    }

    private void Byte(byte value)
    {
        body.GetSpan(1)[0] = value;
        body.Advance(1);
    }

    private void Double(double value)
    {
        BitConverter.TryWriteBytes(body.GetSpan(8), value);
        body.Advance(8);
    }

    private void Unsigned(ulong value) => Varints.WriteUnsigned(body, value);
}
