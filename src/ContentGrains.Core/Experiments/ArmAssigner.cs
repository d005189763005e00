using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ContentGrains.Core.Experiments;

/// <summary>
/// Deterministic assignment: SHA-256 of "salt:personId" read as a number in [0, 1) picks the arm whose cumulative
/// weight share covers it. The same person always lands in the same arm of an experiment, with no stored lookup, and a
/// new salt reshuffles everyone independently of other experiments. SHA-256 rather than a fast non-cryptographic hash so
/// that similar ids ("user1", "user2") and similar salts give unrelated buckets.
/// </summary>
public sealed class ArmAssigner
{
    private readonly string salt;
    private readonly double[] upperBounds;
    private readonly string[] names;

    public ArmAssigner(string salt, IReadOnlyList<ArmDefinition> arms)
    {
        if (arms.Count == 0) throw new ArgumentException("needs at least one arm", nameof(arms));
        this.salt = salt;
        names = arms.Select(a => a.Name).ToArray();
        var total = arms.Sum(a => a.Weight);
        upperBounds = new double[arms.Count];
        var running = 0.0;
        for (var i = 0; i < arms.Count; i++) upperBounds[i] = (running += arms[i].Weight) / total;
        upperBounds[^1] = 1.0; // no gap from rounding at the top
    }

    /// <summary>The arm of <paramref name="personId"/>.</summary>
    public string Assign(string personId)
    {
        var bucket = Bucket(salt, personId);
        for (var i = 0; i < upperBounds.Length; i++) if (bucket < upperBounds[i]) return names[i];
        return names[^1];
    }

    /// <summary>The person's position in [0, 1) under a salt: the top 53 bits of SHA-256("salt:personId").</summary>
    public static double Bucket(string salt, string personId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{salt}:{personId}"), hash);
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }
}
