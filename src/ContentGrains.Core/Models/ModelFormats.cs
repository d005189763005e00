using System.Collections.Concurrent;

namespace ContentGrains.Core.Models;

/// <summary>
/// The loaders of <see cref="IPersistentModel"/> kinds. Core's own models are known; a model in another assembly
/// (for example the TorchSharp ones) registers its loader once at start-up.
/// </summary>
public static class ModelFormats
{
    private static readonly ConcurrentDictionary<string, Func<BinaryReader, IPersistentModel>> Loaders = new(StringComparer.Ordinal)
    {
        [PopularityModel.KindName] = PopularityModel.Load,
        [ItemKnnModel.KindName] = ItemKnnModel.Load,
        [EaseModel.KindName] = EaseModel.Load,
        [ImplicitAlsModel.KindName] = ImplicitAlsModel.Load,
        [HybridModel.KindName] = reader => HybridModel.Load(reader),
        [ContentModel.KindName] = ContentModel.Load,
        [Embeddings.EmbeddingModel.KindName] = Embeddings.EmbeddingModel.Load,
    };

    public static void Register(string kind, Func<BinaryReader, IPersistentModel> loader) => Loaders[kind] = loader;

    /// <summary>Writes the kind, then the model.</summary>
    public static void Write(BinaryWriter writer, IPersistentModel model)
    {
        writer.Write(model.Kind);
        model.Save(writer);
    }

    public static IPersistentModel Read(BinaryReader reader)
    {
        var kind = reader.ReadString();
        return Loaders.TryGetValue(kind, out var load)
            ? load(reader)
            : throw new InvalidDataException($"unknown model kind '{kind}' (known: {string.Join(", ", Loaders.Keys.Order())})");
    }
}

/// <summary>Bulk float arrays for model files: raw little-endian bytes, not one call per value.</summary>
public static class ModelBinary
{
    public static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values) =>
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));

    public static float[] ReadFloats(BinaryReader reader, int count)
    {
        var values = new float[count];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan());
        if (reader.BaseStream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) != bytes.Length)
            throw new EndOfStreamException($"the model file ends inside an array of {count} floats");
        return values;
    }
}
