using ContentGrains.Core.Performance;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ContentGrains.Analysis.Performance;

/// <summary>A fitted LightGBM CTR model: scores rows in one ML.NET pass and keeps the gains it was fitted with.</summary>
internal sealed class LightGbmCtrModel(MLContext ml, ITransformer model, int features, IReadOnlyList<FeatureImportance> importances) : ICtrModel
{
    public IReadOnlyList<FeatureImportance> Importances => importances;

    /// <summary>ML.NET's model zip, with the one-column input schema the model scores.</summary>
    public byte[] Save()
    {
        var input = ml.Data.LoadFromEnumerable(Array.Empty<FeatureRow>(), AnalysisContext.FeatureSchema<FeatureRow>(features)).Schema;
        using var stream = new MemoryStream();
        ml.Model.Save(model, input, stream);
        return stream.ToArray();
    }

    public IReadOnlyList<double> Predict(IReadOnlyList<float[]> rows)
    {
        if (rows.Any(r => r.Length != features)) throw new ArgumentException($"every row must have the {features} features the model was fitted on", nameof(rows));
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new FeatureRow { Features = r }), AnalysisContext.FeatureSchema<FeatureRow>(features));
        return ml.Data.CreateEnumerable<Scored>(model.Transform(data), reuseRowObject: false).Select(s => (double)s.Probability).ToList();
    }

    private sealed class Scored
    {
        public float Probability { get; set; }
    }
}
