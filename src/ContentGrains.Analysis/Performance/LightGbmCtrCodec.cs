using System.Text.Json;
using ContentGrains.Core.Performance;
using Microsoft.ML;

namespace ContentGrains.Analysis.Performance;

/// <summary>
/// A fitted LightGBM CTR predictor as bytes for the model store, and back: a magic line, the encoder's vocabularies
/// and the importances as JSON, then ML.NET's model zip (the LightGBM trees as ML.NET keeps them). Loading needs no
/// LightGBM native call: ML.NET scores the trees itself.
/// </summary>
public static class LightGbmCtrCodec
{
    private const string Magic = "ContentGrains.CtrModel/1";

    public static byte[] Save(CtrPredictor predictor)
    {
        if (predictor.Model is not LightGbmCtrModel model) throw new ArgumentException($"only a LightGBM CTR model can be saved, not {predictor.Model.GetType().Name}", nameof(predictor));
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            var e = predictor.Encoder;
            writer.Write(JsonSerializer.Serialize(new Header(e.Topics, e.Formats, e.Channels, e.TextDimensions, e.MeanCtr, model.Importances)));
            var zip = model.Save();
            writer.Write(zip.Length);
            writer.Write(zip);
        }
        return stream.ToArray();
    }

    public static CtrPredictor Load(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        if (reader.ReadString() != Magic) throw new InvalidDataException($"not a CTR model: it does not start with {Magic}");
        var header = JsonSerializer.Deserialize<Header>(reader.ReadString()) ?? throw new InvalidDataException("the CTR model's header is empty");
        var zip = reader.ReadBytes(reader.ReadInt32());
        var encoder = new CtrFeatureEncoder(header.Topics, header.Formats, header.Channels, header.TextDimensions, header.MeanCtr);
        var ml = AnalysisContext.Create(0);
        // A process that loads a model without having fitted one may not have ML.NET's LightGBM components registered yet.
        ml.ComponentCatalog.RegisterAssembly(typeof(Microsoft.ML.Trainers.LightGbm.LightGbmBinaryModelParameters).Assembly);
        var transformer = ml.Model.Load(new MemoryStream(zip), out _);
        return new CtrPredictor(encoder, new LightGbmCtrModel(ml, transformer, encoder.Names.Count, header.Importances));
    }

    private sealed record Header(IReadOnlyList<string> Topics, IReadOnlyList<string> Formats, IReadOnlyList<string> Channels, int TextDimensions,
        double MeanCtr, IReadOnlyList<FeatureImportance> Importances);
}
