namespace ContentGrains.Core.Models;

/// <summary>
/// A fitted history scorer that can be written to bytes and read back, so a trainer can publish it and every
/// silo can load the same version. <see cref="Kind"/> names the loader in <see cref="ModelFormats"/>.
/// </summary>
public interface IPersistentModel : IHistoryScorer
{
    string Kind { get; }

    /// <summary>Writes the fitted state (not the training data); <see cref="ModelFormats.Read"/> reads it back.</summary>
    void Save(BinaryWriter writer);
}
