namespace ContentGrains.Bench.GrainMemory;

/// <summary>Live bytes on the GC heap after full, compacting, blocking collections (finalizers run in between).</summary>
public static class HeapProbe
{
    public static long LiveBytes()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
