namespace ContentGrains.Core.Data;

/// <summary>
/// FNV-1a, 32 bits, over a string's UTF-16 code units: a hash that is the same on every silo and every run, unlike
/// string.GetHashCode, which .NET randomises per process.
/// </summary>
public static class Fnv1a
{
    public static uint Hash(string text) => Hash(text.AsSpan());

    public static uint Hash(ReadOnlySpan<char> text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = (hash ^ c) * 16777619u;
        return hash;
    }
}
