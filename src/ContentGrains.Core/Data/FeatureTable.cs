namespace ContentGrains.Core.Data;

/// <summary>
/// Sparse side-information features for the entities (items or users) of one id map, read from a RecBole side
/// file (<c>.item</c>, <c>.user</c>). Each entity's vector holds TF-IDF weights (term count × smoothed inverse
/// document frequency over the entities of the id map) and has unit length. Entities the file lacks have no
/// features (an empty vector); ids in the file that the map lacks are ignored.
/// </summary>
public sealed class FeatureTable
{
    /// <summary>Columns left out unless the caller names them: postal codes and times say little about taste.</summary>
    public static readonly IReadOnlySet<string> UninformativeFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "zip_code", "timestamp" };

    private readonly int[] rowStart;    // CSR: entity e owns featureOf/weightOf[rowStart[e]..rowStart[e + 1]]
    private readonly int[] featureOf;   // ascending within a row
    private readonly float[] weightOf;
    private readonly double[] inverseDocumentFrequency;
    private readonly Dictionary<string, int> featureByName;

    private FeatureTable(IReadOnlyList<FeatureField> fields, string[] featureNames, double[] inverseDocumentFrequency, int[] rowStart, int[] featureOf, float[] weightOf)
    {
        Fields = fields;
        FeatureNames = featureNames;
        this.inverseDocumentFrequency = inverseDocumentFrequency;
        this.rowStart = rowStart;
        this.featureOf = featureOf;
        this.weightOf = weightOf;
        featureByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < featureNames.Length; i++)
            featureByName.Add(featureNames[i], i);
    }

    /// <summary>The columns used and how each was encoded.</summary>
    public IReadOnlyList<FeatureField> Fields { get; }

    /// <summary>The name of each feature, such as <c>class=Comedy</c> or <c>age=[25,35)</c>, by index.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    public int EntityCount => rowStart.Length - 1;

    public int FeatureCount => FeatureNames.Count;

    /// <summary>The feature indices of an entity, ascending.</summary>
    public ReadOnlySpan<int> FeaturesOf(int entity) => featureOf.AsSpan(rowStart[entity], rowStart[entity + 1] - rowStart[entity]);

    /// <summary>The weights matching <see cref="FeaturesOf"/>; together a unit vector, or empty.</summary>
    public ReadOnlySpan<float> WeightsOf(int entity) => weightOf.AsSpan(rowStart[entity], rowStart[entity + 1] - rowStart[entity]);

    /// <summary>ln((1 + n) / (1 + df)) + 1 over the n entities with features (scikit-learn's smoothed IDF).</summary>
    public double InverseDocumentFrequency(int feature) => inverseDocumentFrequency[feature];

    public bool TryGetFeature(string name, out int feature) => featureByName.TryGetValue(name, out feature);

    /// <summary>
    /// Reads the features of every entity of <paramref name="ids"/> from <paramref name="file"/>. The id column is
    /// <paramref name="options"/>' <c>IdField</c> or else the file's first column.
    /// </summary>
    public static FeatureTable Build(AtomicFile file, IdMap ids, FeatureTableOptions? options = null)
    {
        options ??= new FeatureTableOptions();
        var idColumn = options.IdField is { } idField ? file.ColumnOf(idField) : 0;
        if (idColumn < 0)
            throw new FormatException($"The side file has no id column '{options.IdField}'.");
        var fields = ChooseFields(file, idColumn, options);
        var columns = fields.Select(field => file.ColumnOf(field.Name)).ToArray();

        // Term counts per entity, by feature name; the last row wins when an id appears twice.
        var counts = new Dictionary<string, int>?[ids.Count];
        for (var row = 0; row < file.RowCount; row++)
        {
            if (!ids.TryGetIndex(file.Token(row, idColumn), out var entity))
                continue;
            var terms = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var f = 0; f < fields.Count; f++)
            {
                foreach (var name in fields[f].FeaturesOf(file.Token(row, columns[f])))
                    terms[name] = terms.GetValueOrDefault(name) + 1;
            }
            counts[entity] = terms;
        }

        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var terms in counts)
        {
            foreach (var name in terms?.Keys ?? Enumerable.Empty<string>())
                documentFrequency[name] = documentFrequency.GetValueOrDefault(name) + 1;
        }
        var featureNames = documentFrequency.Where(pair => pair.Value >= options.MinDocumentFrequency)
            .Select(pair => pair.Key).Order(StringComparer.Ordinal).ToArray();
        var documents = counts.Count(terms => terms is { Count: > 0 });
        var idf = featureNames.Select(name => Math.Log((1.0 + documents) / (1.0 + documentFrequency[name])) + 1).ToArray();

        // A table with the vocabulary but no rows yet, to weigh each entity the same way Encode weighs a new one.
        var table = new FeatureTable(fields, featureNames, idf, [0], [], []);
        var rowStart = new int[ids.Count + 1];
        var features = new List<int>();
        var weights = new List<float>();
        for (var entity = 0; entity < ids.Count; entity++)
        {
            var vector = table.Weigh(counts[entity]);
            features.AddRange(vector.Features);
            weights.AddRange(vector.Weights);
            rowStart[entity + 1] = features.Count;
        }
        return new FeatureTable(fields, featureNames, idf, rowStart, features.ToArray(), weights.ToArray());
    }

    /// <summary>
    /// Writes the feature names, IDF and every entity's vector: all that scoring needs. The column encodings are not
    /// written, so a table read back cannot <see cref="Encode"/> new entities.
    /// </summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(FeatureNames.Count);
        foreach (var name in FeatureNames) writer.Write(name);
        foreach (var idf in inverseDocumentFrequency) writer.Write(idf);
        writer.Write(rowStart.Length);
        foreach (var start in rowStart) writer.Write(start);
        foreach (var feature in featureOf) writer.Write(feature);
        Models.ModelBinary.WriteFloats(writer, weightOf);
    }

    public static FeatureTable Load(BinaryReader reader)
    {
        var names = new string[reader.ReadInt32()];
        for (var i = 0; i < names.Length; i++) names[i] = reader.ReadString();
        var idf = new double[names.Length];
        for (var i = 0; i < idf.Length; i++) idf[i] = reader.ReadDouble();
        var rowStart = new int[reader.ReadInt32()];
        for (var i = 0; i < rowStart.Length; i++) rowStart[i] = reader.ReadInt32();
        var featureOf = new int[rowStart[^1]];
        for (var i = 0; i < featureOf.Length; i++) featureOf[i] = reader.ReadInt32();
        var weightOf = Models.ModelBinary.ReadFloats(reader, featureOf.Length);
        return new FeatureTable([], names, idf, rowStart, featureOf, weightOf);
    }

    /// <summary>
    /// The unit TF-IDF vector of an entity the table was not built with (a new item or user), from its cells by
    /// column name; features the table does not know are ignored.
    /// </summary>
    public SparseVector Encode(IReadOnlyDictionary<string, string> cells)
    {
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            if (!cells.TryGetValue(field.Name, out var cell))
                continue;
            foreach (var name in field.FeaturesOf(cell))
                terms[name] = terms.GetValueOrDefault(name) + 1;
        }
        return Weigh(terms);
    }

    private SparseVector Weigh(Dictionary<string, int>? terms)
    {
        var pairs = new List<(int Feature, double Weight)>();
        foreach (var (name, count) in terms ?? [])
        {
            if (featureByName.TryGetValue(name, out var feature))
                pairs.Add((feature, count * inverseDocumentFrequency[feature]));
        }
        pairs.Sort((a, b) => a.Feature.CompareTo(b.Feature));
        var norm = Math.Sqrt(pairs.Sum(pair => pair.Weight * pair.Weight));
        return new SparseVector(
            pairs.Select(pair => pair.Feature).ToArray(),
            pairs.Select(pair => (float)(pair.Weight / norm)).ToArray());
    }

    private static List<FeatureField> ChooseFields(AtomicFile file, int idColumn, FeatureTableOptions options)
    {
        if (options.Fields is { } chosen)
        {
            var missing = chosen.FirstOrDefault(field => file.ColumnOf(field.Name) < 0);
            if (missing is not null)
                throw new FormatException($"The side file has no column '{missing.Name}'.");
            return chosen.ToList();
        }
        var fields = new List<FeatureField>();
        for (var column = 0; column < file.Fields.Count; column++)
        {
            var field = file.Fields[column];
            if (column == idColumn || UninformativeFields.Contains(field.Name) || field.Type == AtomicFieldType.FloatSequence)
                continue;
            var inferred = FeatureField.Infer(file, column);
            if (!(options.SkipText && inferred.Encoding == FeatureEncoding.Words))
                fields.Add(inferred);
        }
        return fields;
    }
}
