using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ContentGrains.Core.Items;

namespace ContentGrains.Core.Text;

/// <summary>What of an item the sentence encoder reads (title, then text), and the hash that says whether it changed.</summary>
public static class ItemText
{
    /// <summary>
    /// The encoder reads at most this many characters. all-MiniLM-L6-v2 was trained on up to 256 word pieces (about
    /// 1,000-1,500 characters of English) and the reference implementation truncates there; the ONNX package here does
    /// not, and a 14,000-character body took 5 s to encode, so long bodies are cut before they reach it.
    /// </summary>
    public const int MaxCharacters = 2_000;

    /// <summary>The title and the text on separate lines, trimmed and cut to <see cref="MaxCharacters"/>; null when the item has neither.</summary>
    public static string? For(ItemInfo item) => For(item.Title, item.Text);

    /// <inheritdoc cref="For(ItemInfo)"/>
    public static string? For(string? itemTitle, string? itemText)
    {
        var title = itemTitle?.Trim();
        var text = itemText?.Trim();
        if (string.IsNullOrEmpty(title)) return string.IsNullOrEmpty(text) ? null : Cut(text);
        return Cut(string.IsNullOrEmpty(text) ? title : title + "\n" + text);
    }

    private static string Cut(string text)
    {
        if (text.Length <= MaxCharacters) return text;
        var end = char.IsHighSurrogate(text[MaxCharacters - 1]) ? MaxCharacters - 1 : MaxCharacters; // never split a pair
        return text[..end];
    }

    /// <summary>The first 8 bytes of the text's SHA-256 (UTF-8): stable across processes and versions, unlike string.GetHashCode.</summary>
    public static long Hash(string text)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return BinaryPrimitives.ReadInt64LittleEndian(digest);
    }
}
