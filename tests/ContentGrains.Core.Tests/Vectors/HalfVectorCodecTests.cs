using ContentGrains.Core.Vectors;

namespace ContentGrains.Core.Tests.Vectors;

public sealed class HalfVectorCodecTests
{
    [Fact]
    public void Two_bytes_per_dimension_little_endian_and_exact_for_halves()
    {
        var bytes = HalfVectorCodec.Encode([1f, -2f, 0.5f]);

        // IEEE f16: 1.0 = 0x3C00, −2.0 = 0xC000, 0.5 = 0x3800.
        Assert.Equal(new byte[] { 0x00, 0x3C, 0x00, 0xC0, 0x00, 0x38 }, bytes);
        Assert.Equal([1f, -2f, 0.5f], HalfVectorCodec.Decode(bytes));
    }

    [Fact]
    public void A_unit_vector_comes_back_within_half_precision()
    {
        var v = ClusteredVectors.Generate(1, 384, 1, seed: 5);
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        for (var i = 0; i < v.Length; i++) v[i] /= norm;

        var back = HalfVectorCodec.Decode(HalfVectorCodec.Encode(v));

        Assert.Equal(768, HalfVectorCodec.Encode(v).Length);
        Assert.All(v.Zip(back), p => Assert.True(MathF.Abs(p.First - p.Second) <= MathF.Abs(p.First) / 1024 + 1e-7f, $"{p.First} became {p.Second}"));
        Assert.Equal(1.0, v.Zip(back).Sum(p => (double)p.First * p.Second), 3);
    }

    [Fact]
    public void An_odd_byte_count_is_refused()
    {
        Assert.Equal("bytes", Assert.Throws<ArgumentException>(() => HalfVectorCodec.Decode(new byte[3])).ParamName);
    }

    [Fact]
    public void A_long_array_written_in_chunks_reads_back_as_its_rounded_self_and_as_the_same_bytes_as_Encode()
    {
        var values = ClusteredVectors.Generate(1, 10_000, 1, seed: 9); // longer than two chunks of 4,096
        var rounded = values.ToArray();
        HalfVectorCodec.Round(rounded);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) HalfVectorCodec.Write(writer, values);

        Assert.Equal(HalfVectorCodec.Encode(values), stream.ToArray());
        stream.Position = 0;
        Assert.Equal(rounded, HalfVectorCodec.Read(new BinaryReader(stream), values.Length));
        Assert.NotEqual(values, rounded);
    }

    [Fact]
    public void Reading_past_the_end_says_so()
    {
        using var stream = new MemoryStream(new byte[6]);
        Assert.Throws<EndOfStreamException>(() => HalfVectorCodec.Read(new BinaryReader(stream), 4));
    }
}
