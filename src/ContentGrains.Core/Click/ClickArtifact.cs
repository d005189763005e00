using System.Text;

namespace ContentGrains.Core.Click;

/// <summary>
/// A published click model: the feature-row definition it was trained on (<see cref="ClickFeatures.DefinitionVersion"/>),
/// the model's own version, and its ONNX bytes, in one blob ("CGCLICK1", then each string as a length-prefixed UTF-8
/// string, then the ONNX bytes). Parsing checks the envelope only; loading the ONNX is the scorer's.
/// </summary>
public sealed record ClickArtifact(string FeatureDefinition, string ModelVersion, byte[] Onnx)
{
    private static readonly byte[] Magic = "CGCLICK1"u8.ToArray();

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FeatureDefinition);
            writer.Write(ModelVersion);
            writer.Write(Onnx);
        }
        return stream.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not a click artifact, or were made for another feature row.</exception>
    public static ClickArtifact Parse(byte[] bytes)
    {
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException("not a click model artifact (no CGCLICK1 header)");
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, Magic.Length, bytes.Length - Magic.Length), Encoding.UTF8);
            var definition = reader.ReadString();
            var version = reader.ReadString();
            var onnx = reader.ReadBytes(bytes.Length);
            if (definition != ClickFeatures.DefinitionVersion)
                throw new InvalidDataException($"click model {version} was trained on feature row {definition}; this silo builds {ClickFeatures.DefinitionVersion}");
            return new ClickArtifact(definition, version, onnx);
        }
        catch (EndOfStreamException e) { throw new InvalidDataException("click model artifact is truncated", e); }
    }
}
