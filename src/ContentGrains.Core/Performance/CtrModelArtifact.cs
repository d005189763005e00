using System.Text.Json;

namespace ContentGrains.Core.Performance;

/// <summary>
/// A live CTR fit as one model-store version: a magic line, the <see cref="CtrFitReport"/> as JSON, then the model's
/// own bytes (<see cref="ICtrModelFormat.Save"/>). The report travels with the model, so every silo that loads a version
/// can say how it was fitted and predict a creator's new item.
/// </summary>
public static class CtrModelArtifact
{
    private const string Magic = "ContentGrains.LiveCtrModel/1";

    public static byte[] Write(CtrFitReport report, byte[] model)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(JsonSerializer.Serialize(report));
            writer.Write(model.Length);
            writer.Write(model);
        }
        return stream.ToArray();
    }

    public static (CtrFitReport Report, byte[] Model) Read(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        if (reader.ReadString() != Magic) throw new InvalidDataException($"not a live CTR model: it does not start with {Magic}");
        var report = JsonSerializer.Deserialize<CtrFitReport>(reader.ReadString()) ?? throw new InvalidDataException("the live CTR model's report is empty");
        var length = reader.ReadInt32();
        var model = reader.ReadBytes(length);
        if (model.Length != length) throw new InvalidDataException($"the live CTR model is cut short: {model.Length} of {length} model bytes");
        return (report, model);
    }
}
