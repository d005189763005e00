namespace ContentGrains.Core.Data;

/// <summary>
/// How <see cref="FeatureTable.Build"/> reads a side file. <see cref="Fields"/> null means every column but the id,
/// <see cref="FeatureTable.UninformativeFields"/> and float sequences, each encoded as <see cref="FeatureField.Infer"/>
/// decides. Features found in fewer than <see cref="MinDocumentFrequency"/> entities are dropped: a word of one title
/// links that item to no other and only dilutes its vector. <see cref="SkipText"/> leaves out the columns inferred as
/// free text (<see cref="FeatureEncoding.Words"/>, such as titles) when <see cref="Fields"/> is null.
/// </summary>
public sealed record FeatureTableOptions(string? IdField = null, IReadOnlyList<FeatureField>? Fields = null, int MinDocumentFrequency = 2, bool SkipText = false);
