using System.Diagnostics;
using ContentGrains.Core.Diagnostics;
using ContentGrains.Core.Text;

namespace ContentGrains.Grains;

/// <summary>
/// An encoder that counts what its encodes cost: texts, wall time and the calling thread's CPU time. Encode is
/// synchronous and MiniLM runs on the calling thread (one ONNX Runtime thread, <c>MiniLmTextEncoder</c>), so the thread's
/// CPU time is the model's. Safe to share: the totals are added atomically.
/// </summary>
public sealed class MeteredTextEncoder(ITextEncoder inner) : ITextEncoder
{
    private long texts, wallTicks, cpuTicks;

    public int Dimensions => inner.Dimensions;

    public long Texts => Interlocked.Read(ref texts);
    public TimeSpan Wall => TimeSpan.FromTicks(Interlocked.Read(ref wallTicks));
    /// <summary>Zero where the thread clock is not available (<see cref="ThreadCpuClock.Available"/>).</summary>
    public TimeSpan Cpu => TimeSpan.FromTicks(Interlocked.Read(ref cpuTicks));

    public float[][] Encode(IReadOnlyList<string> batch)
    {
        var cpu = ThreadCpuClock.Now();
        var wall = Stopwatch.GetTimestamp();
        try
        {
            return inner.Encode(batch);
        }
        finally
        {
            Interlocked.Add(ref wallTicks, Stopwatch.GetElapsedTime(wall).Ticks);
            Interlocked.Add(ref cpuTicks, (ThreadCpuClock.Now() - cpu).Ticks);
            Interlocked.Add(ref texts, batch.Count);
        }
    }
}
