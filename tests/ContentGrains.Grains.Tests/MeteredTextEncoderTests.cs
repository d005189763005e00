using System.Diagnostics;
using ContentGrains.Core.Diagnostics;
using ContentGrains.Core.Text;

namespace ContentGrains.Grains.Tests;

/// <summary>The encoder wrapper counts texts and its encodes' wall and thread CPU time (what bench/load reads of MiniLM's cost).</summary>
public sealed class MeteredTextEncoderTests
{
    [Fact]
    public void Counts_texts_and_the_calling_threads_CPU_and_wall_time()
    {
        var metered = new MeteredTextEncoder(new SpinningEncoder(TimeSpan.FromMilliseconds(60)));

        var vectors = metered.Encode(["one", "two", "three"]);
        metered.Encode(["four"]);

        Assert.Equal(3, vectors.Length);
        Assert.Equal(4, metered.Texts);
        Assert.Equal(2, metered.Dimensions);
        // Two encodes of 60 ms of spinning: at least 120 ms of wall time, and, spent on this thread, CPU time up to that.
        Assert.InRange(metered.Wall.TotalMilliseconds, 120, 60_000);
        Assert.True(ThreadCpuClock.Available, "the thread CPU clock (Linux)");
        Assert.InRange(metered.Cpu.TotalMilliseconds, 1, metered.Wall.TotalMilliseconds + 2);
    }

    [Fact]
    public void A_failed_encode_still_counts_its_time()
    {
        var metered = new MeteredTextEncoder(new FailingEncoder());

        Assert.Throws<InvalidOperationException>(() => metered.Encode(["x"]));
        Assert.Equal(1, metered.Texts);
        Assert.True(metered.Wall > TimeSpan.Zero);
    }

    /// <summary>Busy for a set wall time per call (CPU on the calling thread), then unit vectors.</summary>
    private sealed class SpinningEncoder(TimeSpan busy) : ITextEncoder
    {
        public int Dimensions => 2;

        public float[][] Encode(IReadOnlyList<string> texts)
        {
            var clock = Stopwatch.StartNew();
            var x = 0.0;
            while (clock.Elapsed < busy) x += Math.Sqrt(x + 1);
            return texts.Select(_ => new[] { 1f, x > 0 ? 0f : 1f }).ToArray();
        }
    }

    private sealed class FailingEncoder : ITextEncoder
    {
        public int Dimensions => 2;
        public float[][] Encode(IReadOnlyList<string> texts) => throw new InvalidOperationException("encoder down");
    }
}
