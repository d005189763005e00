namespace ContentGrains.Core.Tests;

/// <summary>
/// Tests that measure the process's managed memory (GC.GetTotalMemory) or build catalogs of 100,000 items: they run
/// on their own, after the parallel tests, so one does not read the other's heap.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMemoryCollection
{
    public const string Name = "process memory";
}
