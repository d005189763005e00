using System.Security.Cryptography;
using System.Text;

namespace ContentGrains.Core.Privacy;

/// <summary>
/// How the privacy audit names a person: the SHA-256 of their id's UTF-8 bytes as 64 lower-case hex digits
/// (<c>printf %s USER | sha256sum</c>). The audit then lists no ids, but an operator holding an id can find its entries.
/// </summary>
public static class PersonHash
{
    public static string Of(string userId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId)));
}
