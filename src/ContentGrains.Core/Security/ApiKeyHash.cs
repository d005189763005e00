using System.Security.Cryptography;
using System.Text;

namespace ContentGrains.Core.Security;

/// <summary>
/// How a key becomes what the configuration holds: the SHA-256 of its UTF-8 bytes, written as 64 lower-case hex
/// digits (what <c>printf %s KEY | sha256sum</c> prints). New keys are 32 random bytes, URL-safe Base64.
/// </summary>
public static class ApiKeyHash
{
    public static byte[] Of(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static string Hex(string key) => Convert.ToHexStringLower(Of(key));

    /// <summary>A fresh key: 256 bits from the operating system's generator, without characters a shell or URL mangles.</summary>
    public static string NewKey() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
