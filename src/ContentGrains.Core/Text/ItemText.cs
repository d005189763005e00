using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ContentGrains.Core.Items;

namespace ContentGrains.Core.Text;

/// <summary>What of an item the sentence encoder reads (title, then text), and the hash that says whether it changed.</summary>
public static class ItemText
{
    /// <summary>The title and the text on separate lines, trimmed; null when the item has neither.</summary>
    public static string? For(ItemInfo item)
    {
        var title = item.Title?.Trim();
        var text = item.Text?.Trim();
        if (string.IsNullOrEmpty(title)) return string.IsNullOrEmpty(text) ? null : text;
        return string.IsNullOrEmpty(text) ? title : title + "\n" + text;
    }

    /// <summary>The first 8 bytes of the text's SHA-256 (UTF-8): stable across processes and versions, unlike string.GetHashCode.</summary>
    public static long Hash(string text)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return BinaryPrimitives.ReadInt64LittleEndian(digest);
    }
}
