namespace ContentGrains.Core.Data;

/// <summary>The column types of a RecBole atomic file header (<c>name:type</c>).</summary>
public enum AtomicFieldType
{
    /// <summary>A single discrete id, kept as text.</summary>
    Token,

    /// <summary>A single real number.</summary>
    Float,

    /// <summary>Space-separated discrete ids.</summary>
    TokenSequence,

    /// <summary>Space-separated real numbers.</summary>
    FloatSequence,
}
