using System.Security.Cryptography;

namespace ContentGrains.Core.Reports;

/// <summary>
/// Uniform numbers in the open interval (0, 1) for privacy noise. Reports draw from the operating system's
/// cryptographic generator (<see cref="Secure"/>): noise that an observer could predict or replay protects nothing.
/// Tests of the noise's distribution use <see cref="Seeded"/>.
/// </summary>
public sealed class NoiseSource(Func<double> uniform)
{
    public static NoiseSource Secure() => new(() =>
    {
        // 53 random bits, shifted off 0 by half a step: never exactly 0 or 1, so log(u) is finite.
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        var bits = BitConverter.ToUInt64(bytes) >> 11;
        return (bits + 0.5) / (1UL << 53);
    });

    public static NoiseSource Seeded(int seed)
    {
        var random = new Random(seed);
        return new NoiseSource(() => (random.NextInt64(0, 1L << 53) + 0.5) / (1L << 53));
    }

    /// <summary>A draw in (0, 1).</summary>
    public double Next() => uniform();

    /// <summary>Laplace(0, b): b · sign · ln(1/(1 − 2|u − ½|)), the inverse CDF; variance 2b².</summary>
    public double Laplace(double scale)
    {
        var u = Next() - 0.5;
        return -scale * Math.Sign(u) * Math.Log(1 - 2 * Math.Abs(u));
    }

    /// <summary>Normal(0, σ²) by Box–Muller.</summary>
    public double Gaussian(double sigma) => sigma * Math.Sqrt(-2 * Math.Log(Next())) * Math.Cos(2 * Math.PI * Next());
}
