namespace ContentGrains.Core.Simulation;

/// <summary>
/// A small seeded generator (xoshiro256**, seeded by SplitMix64) whose sequence is fixed by this code, not by the
/// runtime's <see cref="Random"/>: the same seed gives the same world on every machine and .NET version.
/// <see cref="For"/> derives an independent stream per (seed, purpose, index), so person 41 or item 7 can be rebuilt
/// on its own without generating the ones before it (the bulk writer relies on that for constant memory).
/// </summary>
public sealed class SimRandom
{
    private ulong s0, s1, s2, s3;

    public SimRandom(ulong seed)
    {
        var x = seed;
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    /// <summary>The stream for one purpose (a <see cref="Streams"/> constant) and one index under a seed.</summary>
    public static SimRandom For(long seed, ulong purpose, long index)
    {
        var x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ purpose * 0xD1B54A32D192ED03UL ^ (ulong)index * 0x94D049BB133111EBUL);
        return new SimRandom(SplitMix(ref x));
    }

    public ulong NextULong()
    {
        var result = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n).</summary>
    public int NextInt(int n) => n <= 0 ? throw new ArgumentOutOfRangeException(nameof(n), "must be positive") : (int)(NextDouble() * n);

    public long NextLong(long n) => n <= 0 ? throw new ArgumentOutOfRangeException(nameof(n), "must be positive") : (long)(NextDouble() * n);

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Standard normal (Box–Muller).</summary>
    public double Normal()
    {
        var u = 1.0 - NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * NextDouble());
    }

    /// <summary>Gamma(shape, 1) by Marsaglia and Tsang; shapes below 1 use the u^(1/shape) boost.</summary>
    public double Gamma(double shape)
    {
        if (shape < 1) return Gamma(shape + 1) * Math.Pow(1.0 - NextDouble(), 1 / shape);
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do { x = Normal(); v = 1 + c * x; } while (v <= 0);
            v = v * v * v;
            var u = 1.0 - NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return d * v;
        }
    }

    /// <summary>A Dirichlet(alpha, …, alpha) draw over <paramref name="count"/> parts: shares that sum to 1.</summary>
    public double[] Dirichlet(double alpha, int count)
    {
        var shares = new double[count];
        var sum = 0.0;
        for (var i = 0; i < count; i++) sum += shares[i] = Gamma(alpha);
        for (var i = 0; i < count; i++) shares[i] /= sum;
        return shares;
    }

    /// <summary>An index drawn with probability proportional to <paramref name="weights"/>.</summary>
    public int Pick(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights) total += w;
        var target = NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target < 0) return i;
        }
        return weights.Length - 1;
    }

    /// <summary>A skewed rank in [0, n): rank r is drawn about as often as r^(1/skew − 1), so small ranks are popular.</summary>
    public long SkewedRank(long n, double skew) => Math.Min(n - 1, (long)(n * Math.Pow(NextDouble(), skew)));

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Purposes of the derived streams, so no two uses of one seed share numbers.</summary>
    public static class Streams
    {
        public const ulong Item = 1, Person = 2, Visits = 3, Session = 4, Bulk = 5, RandomFeed = 6, Headlines = 7, LearnerPrior = 8;
    }
}
