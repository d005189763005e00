using System.Buffers;
using ContentGrains.Core.Events;

namespace ContentGrains.Core.Profiles;

/// <summary>
/// A <see cref="UserProfile"/> packed into one byte array and one array of its distinct strings: what an idle user grain
/// holds between its snapshot and its next call. A light person's profile (10 events) took about 2.5 KB as objects
/// (a dictionary is about 200 bytes before its first entry, a history entry 32 bytes), and a silo holds 100,000s of
/// idle grains after an import; packed it is a few hundred bytes. The strings stay the silo's shared instances
/// (<see cref="SharedStrings"/>), so unpacking makes none.
/// <para>
/// Exact: every value comes back to the bit (doubles as their bits, instants as UTC ticks with their offset), each map
/// in its enumeration order, so the snapshot's JSON and the feed are the same as before packing. Instants are written as
/// zigzag varints of their difference to the previous one, so a history in time order takes 2-5 bytes an instant.
/// </para>
/// A value type of two references, held in the grain's state object: no object of its own.
/// </summary>
public readonly struct FrozenProfile
{
    private readonly string[]? strings;
    private readonly byte[]? bytes;

    private FrozenProfile(string[] strings, byte[] bytes) => (this.strings, this.bytes) = (strings, bytes);

    /// <summary>Whether this holds a profile (default: none).</summary>
    public bool HasValue => bytes is not null;

    /// <summary>The bytes held (the packed data and the string table's references), for measurements.</summary>
    public int PackedBytes => (bytes?.Length ?? 0) + (strings?.Length ?? 0) * IntPtr.Size;

    public static FrozenProfile Of(UserProfile profile)
    {
        var writer = new Writer();
        writer.History(profile.Recent);
        writer.Values(profile.ReadInterests);
        writer.Values(profile.ReadTagImpressions);
        writer.Values(profile.ReadChannelEngagement);
        writer.Counts(profile.ReadEventCounts);
        writer.Hours(profile.ActiveHours);
        writer.Times(profile.ReadLastActivityByChannel);
        writer.Times(profile.ReadConsumed);
        writer.Times(profile.ReadDisliked);
        writer.Times(profile.ReadRecentlyShown);
        return new FrozenProfile(writer.Strings(), writer.Bytes());
    }

    /// <summary>A new profile with every value packed; the caller keeps it and drops this.</summary>
    public UserProfile Thaw()
    {
        if (bytes is null || strings is null) throw new InvalidOperationException("no profile is packed here");
        var reader = new Reader(bytes, strings);
        var profile = new UserProfile { Recent = reader.History() };
        if (reader.Values() is { } interests) profile.Interests = interests;
        if (reader.Values() is { } impressions) profile.TagImpressions = impressions;
        if (reader.Values() is { } channels) profile.ChannelEngagement = channels;
        if (reader.Counts() is { } counts) profile.EventCounts = counts;
        profile.ActiveHours = reader.Hours();
        if (reader.Times() is { } lastActivity) profile.LastActivityByChannel = lastActivity;
        if (reader.Times() is { } consumed) profile.Consumed = consumed;
        if (reader.Times() is { } disliked) profile.Disliked = disliked;
        if (reader.Times() is { } shown) profile.RecentlyShown = shown;
        reader.End();
        return profile;
    }

    private sealed class Writer
    {
        private readonly ArrayBufferWriter<byte> output = new(256);
        private readonly Dictionary<string, int> table = new(StringComparer.Ordinal);
        private readonly List<string> strings = [];
        private long lastTicks, lastMs;

        public string[] Strings() => [.. strings];
        public byte[] Bytes() => output.WrittenSpan.ToArray();

        public void History(List<HistoryEntry> recent)
        {
            Unsigned((ulong)recent.Count);
            foreach (var entry in recent)
            {
                String(entry.ItemId);
                Byte((byte)entry.Type);
                Ticks(entry.Timestamp.UtcTicks);
                String(entry.Channel);
            }
        }

        public void Values(IReadOnlyDictionary<string, DecayingValue> map)
        {
            Unsigned((ulong)map.Count);
            foreach (var (key, value) in map)
            {
                String(key);
                Double(value.Value);
                Signed(value.AsOfUnixMs - lastMs);
                lastMs = value.AsOfUnixMs;
            }
        }

        public void Counts(IReadOnlyDictionary<string, long> map)
        {
            Unsigned((ulong)map.Count);
            foreach (var (key, value) in map)
            {
                String(key);
                Signed(value);
            }
        }

        /// <summary>The bins' count, a bit per bin that is not zero (to the bit: -0.0 counts), then those bins.</summary>
        public void Hours(HourHistogram hours)
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
            Signed(hours.AsOfUnixMs);
        }

        public void Times(IReadOnlyDictionary<string, DateTimeOffset> map)
        {
            Unsigned((ulong)map.Count);
            foreach (var (key, at) in map)
            {
                String(key);
                Ticks(at.UtcTicks);
                Signed((long)at.Offset.TotalMinutes);
            }
        }

        private void Ticks(long ticks)
        {
            Signed(ticks - lastTicks);
            lastTicks = ticks;
        }

        private void String(string value)
        {
            if (!table.TryGetValue(value, out var index))
            {
                index = strings.Count;
                table.Add(value, index);
                strings.Add(value);
            }
            Unsigned((ulong)index);
        }

        private void Byte(byte value)
        {
            output.GetSpan(1)[0] = value;
            output.Advance(1);
        }

        private void Double(double value)
        {
            BitConverter.TryWriteBytes(output.GetSpan(8), value);
            output.Advance(8);
        }

        private void Signed(long value) => Unsigned((ulong)((value << 1) ^ (value >> 63))); // zigzag: small magnitudes, few bytes

        private void Unsigned(ulong value)
        {
            var span = output.GetSpan(10);
            var length = 0;
            for (; value >= 0x80; value >>= 7) span[length++] = (byte)(value | 0x80);
            span[length++] = (byte)value;
            output.Advance(length);
        }
    }

    private ref struct Reader(byte[] bytes, string[] strings)
    {
        private readonly ReadOnlySpan<byte> data = bytes;
        private int position;
        private long lastTicks, lastMs;

        public List<HistoryEntry> History()
        {
            var count = Count();
            var recent = new List<HistoryEntry>(count);
            for (var i = 0; i < count; i++)
            {
                var itemId = String();
                var type = (EventType)Byte();
                var at = new DateTimeOffset(Ticks(), TimeSpan.Zero);
                recent.Add(new HistoryEntry(itemId, type, at, String()));
            }
            return recent;
        }

        /// <summary>Null for an empty map: the profile makes it on first use, as after compacting.</summary>
        public Dictionary<string, DecayingValue>? Values()
        {
            var count = Count();
            if (count == 0) return null;
            var map = new Dictionary<string, DecayingValue>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var key = String();
                var value = Double();
                lastMs += Signed();
                map.Add(key, new DecayingValue { Value = value, AsOfUnixMs = lastMs });
            }
            return map;
        }

        public Dictionary<string, long>? Counts()
        {
            var count = Count();
            if (count == 0) return null;
            var map = new Dictionary<string, long>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++) map.Add(String(), Signed());
            return map;
        }

        public HourHistogram Hours()
        {
            var length = Count();
            var weights = length == 0 ? Array.Empty<double>() : new double[length];
            var masks = data.Slice(position, (length + 7) / 8);
            position += masks.Length;
            for (var h = 0; h < length; h++)
                if ((masks[h / 8] & (1 << (h % 8))) != 0) weights[h] = Double();
            return new HourHistogram { Weights = weights, AsOfUnixMs = Signed() };
        }

        public Dictionary<string, DateTimeOffset>? Times()
        {
            var count = Count();
            if (count == 0) return null;
            var map = new Dictionary<string, DateTimeOffset>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var key = String();
                var utc = new DateTimeOffset(Ticks(), TimeSpan.Zero);
                map.Add(key, utc.ToOffset(TimeSpan.FromMinutes(Signed())));
            }
            return map;
        }

        /// <summary>Every byte read: a shorter or longer read means the writer and reader disagree.</summary>
        public readonly void End()
        {
            if (position != data.Length) throw new InvalidOperationException($"a packed profile of {data.Length} bytes was read to {position}");
        }

        private long Ticks() => lastTicks += Signed();

        private string String() => strings[Count()];

        private int Count() => checked((int)Unsigned());

        private byte Byte() => data[position++];

        private double Double()
        {
            var value = BitConverter.ToDouble(data.Slice(position, 8));
            position += 8;
            return value;
        }

        private long Signed()
        {
            var raw = Unsigned();
            return (long)(raw >> 1) ^ -(long)(raw & 1);
        }

        private ulong Unsigned()
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = data[position++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80) return value;
            }
        }
    }
}
