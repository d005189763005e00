namespace ContentGrains.Core.Profiles;

/// <summary>
/// A <see cref="UserProfile"/> packed into one byte array: what an idle user grain holds between its snapshot and its
/// next call. A light person's profile (10 events) took about 2.5 KB as objects (a dictionary is about 200 bytes before
/// its first entry, a history entry 32 bytes), and a silo holds 100,000s of idle grains after an import; packed it is a
/// few hundred bytes.
/// <para>
/// Strings are named by their number in the silo's <see cref="PackedStringTable"/> (1-3 bytes each, once per profile;
/// the body refers to them by a profile-local index of one byte or two), so unpacking makes no string. Only strings the
/// full table lacks are kept as references (<see cref="own"/>, null otherwise).
/// </para>
/// <para>
/// Exact: every value comes back to the bit (doubles as their bits, instants as UTC ticks with their offset), each map
/// in its enumeration order, so the snapshot's JSON and the feed are the same as before packing. Instants are varints
/// of their difference to the previous one in whole seconds, milliseconds or ticks (whichever divides it), so a history
/// in time order takes 1-4 bytes an instant; a consumed, disliked or shown item at the instant of its history entry
/// takes one byte. The format is <see cref="FrozenProfileWriter"/>'s.
/// </para>
/// A value type of two references, held in the grain's state object: no object of its own.
/// </summary>
public readonly struct FrozenProfile
{
    private readonly byte[]? bytes;
    private readonly string[]? own;

    internal FrozenProfile(byte[] bytes, string[]? own) => (this.bytes, this.own) = (bytes, own);

    /// <summary>Whether this holds a profile (default: none).</summary>
    public bool HasValue => bytes is not null;

    /// <summary>The bytes held (the packed data and the references to strings the silo's table lacks), for measurements.</summary>
    public int PackedBytes => (bytes?.Length ?? 0) + (own?.Length ?? 0) * IntPtr.Size;

    /// <summary>Strings this profile holds references to because the table was full (0 normally).</summary>
    public int OwnStrings => own?.Length ?? 0;

    /// <summary>Packed against the silo's string table (<see cref="PackedStringTable.Shared"/>).</summary>
    public static FrozenProfile Of(UserProfile profile) => Of(profile, PackedStringTable.Shared);

    public static FrozenProfile Of(UserProfile profile, PackedStringTable table) => new FrozenProfileWriter(table).Write(profile);

    /// <summary>A new profile with every value packed; the caller keeps it and drops this.</summary>
    public UserProfile Thaw() => Thaw(PackedStringTable.Shared);

    /// <summary>Unpacked against the table it was packed with.</summary>
    public UserProfile Thaw(PackedStringTable table)
    {
        if (bytes is null) throw new InvalidOperationException("no profile is packed here");
        return new FrozenProfileReader(bytes, own, table).Read();
    }
}
