using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace ContentGrains.Core.Vectors;

/// <summary>
/// Vectors as IEEE half precision (f16), little-endian, two bytes per value: the one converter for stored text vectors
/// (a 384-dimension MiniLM vector takes 768 bytes instead of 1,536) and model files (a million items × 64 dimensions,
/// input and output vectors, take 256 MB). For unit-length vectors the rounding error per component is below 5e-4
/// relative, so cosines move by about 1e-3 at most. Long arrays are converted in fixed-size chunks, so no temporary
/// grows with the catalog.
/// </summary>
public static class HalfVectorCodec
{
    private const int Chunk = 4096;

    public static byte[] Encode(ReadOnlySpan<float> vector)
    {
        RequireLittleEndian();
        var halves = new Half[vector.Length];
        TensorPrimitives.ConvertToHalf(vector, halves);
        return MemoryMarshal.AsBytes(halves.AsSpan()).ToArray();
    }

    public static float[] Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 2 != 0)
            throw new ArgumentException($"an f16 vector has an even number of bytes, got {bytes.Length}", nameof(bytes));
        RequireLittleEndian();
        var vector = new float[bytes.Length / 2];
        TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(bytes), vector);
        return vector;
    }

    /// <summary>Rounds every value to the nearest f16, in place: what a model serves is what it stores.</summary>
    public static void Round(Span<float> values)
    {
        Span<Half> halves = new Half[Math.Min(Chunk, values.Length)];
        for (var at = 0; at < values.Length; at += Chunk)
        {
            var part = values.Slice(at, Math.Min(Chunk, values.Length - at));
            TensorPrimitives.ConvertToHalf(part, halves[..part.Length]);
            TensorPrimitives.ConvertToSingle(halves[..part.Length], part);
        }
    }

    public static void Write(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        RequireLittleEndian();
        Span<Half> halves = new Half[Math.Min(Chunk, values.Length)];
        for (var at = 0; at < values.Length; at += Chunk)
        {
            var part = values.Slice(at, Math.Min(Chunk, values.Length - at));
            TensorPrimitives.ConvertToHalf(part, halves[..part.Length]);
            writer.Write(MemoryMarshal.AsBytes(halves[..part.Length]));
        }
    }

    public static float[] Read(BinaryReader reader, int count)
    {
        RequireLittleEndian();
        var values = new float[count];
        Span<Half> halves = new Half[Math.Min(Chunk, count)];
        for (var at = 0; at < count; at += Chunk)
        {
            var part = halves[..Math.Min(Chunk, count - at)];
            var bytes = MemoryMarshal.AsBytes(part);
            if (reader.BaseStream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) != bytes.Length)
                throw new EndOfStreamException($"the data end inside an array of {count} f16 values");
            TensorPrimitives.ConvertToSingle(part, values.AsSpan(at, part.Length));
        }
        return values;
    }

    // The bytes are the in-memory Half layout, which is little-endian on every platform .NET 10 runs on here.
    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("f16 vectors are stored little-endian");
    }
}
