using System.Security.Cryptography;

namespace ContentGrains.Core.Registry;

/// <summary>The SHA-256 of an artifact, as lower-case hex: written by the trainer, checked by every silo before a swap.</summary>
public static class ArtifactChecksum
{
    public static string Of(ReadOnlySpan<byte> artifact) => Convert.ToHexStringLower(SHA256.HashData(artifact));
}
