namespace ContentGrains.Core.Data;

/// <summary>How one column of a side file becomes sparse features.</summary>
public enum FeatureEncoding
{
    /// <summary>One feature <c>field=value</c> per cell (occupation, gender).</summary>
    Category,

    /// <summary>One feature <c>field=token</c> per token of a sequence (genres).</summary>
    Tags,

    /// <summary>One feature <c>field=word</c> per lower-cased word of the cell's text (titles), counted.</summary>
    Words,

    /// <summary>The cell is a number; one feature naming the bucket it falls in (age group, release decade).</summary>
    Buckets,
}
