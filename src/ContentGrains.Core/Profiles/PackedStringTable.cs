using System.Collections.Concurrent;

namespace ContentGrains.Core.Profiles;

/// <summary>
/// One numbered table per silo of the strings packed profiles hold (item ids, tags, channels, event type names), so that a
/// packed profile (<see cref="FrozenProfile"/>) names each of its strings by a number of 1-3 bytes instead of holding an
/// 8-byte reference to it: a heavy person's 130 distinct strings were 1 KB of their 2.2 KB packed profile.
/// <para>
/// Append-only and bounded (<see cref="MaxStrings"/>): a string is never removed, so a number stays valid for the
/// process's life, and it keeps its first instance alive (item ids are the catalog view's instances already, see
/// <see cref="SharedStrings"/>). Past the bound, a profile keeps references to its remaining strings itself.
/// Thawing gives back this table's instance, equal to the one packed (the same instance when the profile held the
/// shared one).
/// </para>
/// </summary>
public sealed class PackedStringTable(int maxStrings)
{
    /// <summary>The bound of the silo's table: 2M strings (a 1M-item catalog with room), at most about 70 MB with its index.</summary>
    public const int MaxStrings = 2_097_152;

    /// <summary>The silo's table, used by <see cref="FrozenProfile.Of(UserProfile)"/>.</summary>
    public static PackedStringTable Shared { get; } = new(MaxStrings);

    private readonly ConcurrentDictionary<string, int> numbers = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private string[] strings = new string[1_024];
    private int count;

    /// <summary>Strings numbered so far.</summary>
    public int Count => Volatile.Read(ref count);

    /// <summary>The string's number, adding it when the table has room; -1 when it is full and lacks the string.</summary>
    public int NumberOf(string value)
    {
        if (numbers.TryGetValue(value, out var number)) return number;
        lock (gate)
        {
            if (numbers.TryGetValue(value, out number)) return number;
            if (count >= maxStrings) return -1;
            if (count == strings.Length) Grow();
            var added = count;
            strings[added] = value;
            // Counted, then published: whoever reads this number finds it counted and its slot written.
            Volatile.Write(ref count, added + 1);
            numbers[value] = added;
            return added;
        }
    }

    /// <summary>The string numbered so; a number this table never gave is an error (the packed data is corrupt).</summary>
    public string At(int number)
    {
        // The count first: the array read after it is at least the one its last slot was written to.
        var known = Count;
        if ((uint)number >= (uint)known) throw new InvalidOperationException($"string number {number} is not in the table of {known}");
        return Volatile.Read(ref strings)[number];
    }

    private void Grow()
    {
        var grown = new string[Math.Min(strings.Length * 2, Math.Max(maxStrings, 1))];
        Array.Copy(strings, grown, count);
        Volatile.Write(ref strings, grown);
    }
}
