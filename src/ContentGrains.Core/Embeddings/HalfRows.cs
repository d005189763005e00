using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace ContentGrains.Core.Embeddings;

/// <summary>
/// Item vectors stored as IEEE half precision (f16): half the artifact of f32, so a million items × 64 dimensions,
/// input and output vectors, take 256 MB. Converted in fixed-size chunks, so no temporary grows with the catalog.
/// </summary>
internal static class HalfRows
{
    private const int Chunk = 4096;

    /// <summary>Rounds every value to the nearest f16, in place: what the model serves is what it stores.</summary>
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
        Span<Half> halves = new Half[Math.Min(Chunk, values.Length)];
        for (var at = 0; at < values.Length; at += Chunk)
        {
            var part = values.Slice(at, Math.Min(Chunk, values.Length - at));
            TensorPrimitives.ConvertToHalf(part, halves[..part.Length]);
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("f16 item vectors are written little-endian");
            writer.Write(MemoryMarshal.AsBytes(halves[..part.Length]));
        }
    }

    public static float[] Read(BinaryReader reader, int count)
    {
        var values = new float[count];
        Span<Half> halves = new Half[Math.Min(Chunk, count)];
        for (var at = 0; at < count; at += Chunk)
        {
            var part = halves[..Math.Min(Chunk, count - at)];
            var bytes = MemoryMarshal.AsBytes(part);
            if (reader.BaseStream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) != bytes.Length)
                throw new EndOfStreamException($"the model file ends inside an array of {count} f16 values");
            TensorPrimitives.ConvertToSingle(part, values.AsSpan(at, part.Length));
        }
        return values;
    }
}
