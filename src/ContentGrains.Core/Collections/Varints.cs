using System.Buffers;

namespace ContentGrains.Core.Collections;

/// <summary>
/// LEB128 varints (7 bits a byte, low first) and zigzag for signed values, so that small magnitudes take few bytes: the
/// encoding of what idle grains keep packed (<see cref="Profiles.FrozenProfile"/>, <see cref="Log.AppliedWindow"/>).
/// </summary>
public static class Varints
{
    public static void WriteUnsigned(IBufferWriter<byte> output, ulong value)
    {
        var span = output.GetSpan(10);
        var length = 0;
        for (; value >= 0x80; value >>= 7) span[length++] = (byte)(value | 0x80);
        span[length++] = (byte)value;
        output.Advance(length);
    }

    public static void WriteSigned(IBufferWriter<byte> output, long value) => WriteUnsigned(output, ZigZag(value));

    public static ulong ReadUnsigned(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }

    public static long ReadSigned(ReadOnlySpan<byte> data, ref int position) => UnZigZag(ReadUnsigned(data, ref position));

    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    public static long UnZigZag(ulong raw) => (long)(raw >> 1) ^ -(long)(raw & 1);
}
