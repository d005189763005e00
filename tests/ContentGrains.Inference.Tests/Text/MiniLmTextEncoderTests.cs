using System.Numerics.Tensors;
using ContentGrains.Inference.Text;

namespace ContentGrains.Inference.Tests.Text;

public sealed class MiniLmTextEncoderTests
{
    private static readonly MiniLmTextEncoder Encoder = new();

    [Fact]
    public void Similar_sentences_are_close_and_unrelated_ones_are_not()
    {
        var v = Encoder.Encode(["A cat sits on the mat", "A kitten rests on a rug", "Stock markets fell sharply after the rate decision"]);

        Assert.All(v, x => Assert.Equal(384, x.Length));
        Assert.All(v, x => Assert.Equal(1f, MathF.Sqrt(TensorPrimitives.SumOfSquares(x)), 4));
        // all-MiniLM-L6-v2's own figures for these pairs, checked here (DESIGN.md): about 0.665 and 0.055.
        Assert.InRange(TensorPrimitives.Dot(v[0], v[1]), 0.60f, 0.72f);
        Assert.InRange(TensorPrimitives.Dot(v[0], v[2]), -0.05f, 0.15f);
    }

    [Fact]
    public void Encodes_nothing_to_nothing_and_is_deterministic()
    {
        Assert.Empty(Encoder.Encode([]));
        Assert.Equal(Encoder.Encode(["space opera"])[0], Encoder.Encode(["space opera"])[0]);
    }
}
