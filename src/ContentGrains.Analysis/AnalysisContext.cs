using Microsoft.ML;

namespace ContentGrains.Analysis;

/// <summary>
/// The one way this project makes an ML.NET context: seeded, so a fit is repeatable, and with ML.NET's own log left
/// unsubscribed (its LDA also prints to standard output; callers that write JSON there must keep that in mind).
/// </summary>
public static class AnalysisContext
{
    public static MLContext Create(int seed) => new(seed);

    /// <summary>A row type's schema whose "Features" column is a float vector of <paramref name="features"/> values.</summary>
    internal static Microsoft.ML.Data.SchemaDefinition FeatureSchema<T>(int features)
    {
        var schema = Microsoft.ML.Data.SchemaDefinition.Create(typeof(T));
        schema["Features"].ColumnType = new Microsoft.ML.Data.VectorDataViewType(Microsoft.ML.Data.NumberDataViewType.Single, features);
        return schema;
    }
}

/// <summary>An ML.NET input row of numbers only; <see cref="AnalysisContext.FeatureSchema{T}"/> fixes its width.</summary>
internal sealed class FeatureRow
{
    public float[] Features { get; set; } = [];
}

/// <summary>A ranking input row: its label, the group it is ranked within (an impression), and its numbers.</summary>
internal sealed class GroupedFeatureRow
{
    public float Label { get; set; }
    public uint Group { get; set; }
    public float[] Features { get; set; } = [];
}
