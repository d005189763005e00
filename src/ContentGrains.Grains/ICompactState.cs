namespace ContentGrains.Grains;

/// <summary>
/// A grain state that can give back memory it does not need while idle (spare slots, empty maps made on first use),
/// keeping every value. <see cref="SnapshotGrainExtensions.WriteIfDirtyAsync{T}"/> runs it after each snapshot write:
/// a silo holds 100,000s of idle user grains after an import, and most of them are never written to again before
/// Orleans collects them.
/// </summary>
public interface ICompactState
{
    void Compact();
}
