using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Cloud.Unum.USearch;
using ContentGrains.Core.Vectors;

namespace ContentGrains.Inference.Vectors;

/// <summary>
/// Approximate inner-product top-k on USearch's HNSW graph. Inner product, not cosine: the embedding model scores a
/// user and an item by their dot product and a vector's length carries meaning (popular items grow longer), so
/// normalising would rank differently from the exact scan and the trainer's evaluation. USearch's inner-product
/// distance is 1 − dot, turned back into the dot product here.
/// Built once, in parallel (one insert per thread, after reserving the whole capacity); searched from any number of
/// threads. An <c>allow</c> filter runs inside the graph walk (usearch_filtered_search), which keeps exploring until
/// k allowed items are found, so no over-fetch factor has to be guessed.
/// </summary>
public sealed unsafe class HnswVectorIndex : IVectorIndex, IDisposable
{
    private const int SearchContexts = 64; // concurrent searches served without waiting for a context
    private readonly USearchHandle handle;

    private HnswVectorIndex(USearchHandle handle, int count, int dimensions, ScalarKind scalar)
    {
        this.handle = handle;
        Scalar = scalar;
        Count = count;
        Dimensions = dimensions;
    }

    public int Count { get; }
    public int Dimensions { get; }

    /// <summary>How the vectors are stored (Float32 or Float16).</summary>
    public ScalarKind Scalar { get; }

    /// <summary>Bytes the native index holds (vectors and graph), as USearch reports them.</summary>
    public long MemoryBytes
    {
        get
        {
            var bytes = USearchNative.usearch_memory_usage(handle, out var error);
            USearchNative.Check(error, "memory usage");
            return (long)bytes;
        }
    }

    /// <summary>Builds the index over Count rows of <paramref name="dimensions"/> floats (row-major; row i is key i).</summary>
    public static HnswVectorIndex Build(ReadOnlySpan<float> vectors, int dimensions, HnswOptions? options = null)
    {
        options ??= new HnswOptions();
        options.Validate();
        var count = VectorArguments.CheckRows(vectors, dimensions);
        var threads = options.BuildThreads == 0 ? Environment.ProcessorCount : options.BuildThreads;
        var index = new HnswVectorIndex(Create(dimensions, count, threads, options), count, dimensions, options.Scalar);
        try
        {
            fixed (float* rows = vectors)
                index.AddAll((nint)rows, threads);
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    private static USearchHandle Create(int dimensions, int capacity, int threads, HnswOptions options)
    {
        var init = new IndexOptions(MetricKind.Ip, quantization: options.Scalar, dimensions: (ulong)dimensions,
            connectivity: (ulong)options.Connectivity, expansionAdd: (ulong)options.ExpansionAdd, expansionSearch: (ulong)options.ExpansionSearch);
        var handle = USearchNative.usearch_init(ref init, out var error);
        USearchNative.Check(error, "init");
        USearchNative.usearch_reserve(handle, (nuint)Math.Max(capacity, 1), out error);
        USearchNative.Check(error, "reserve");
        USearchNative.usearch_change_threads_add(handle, (nuint)threads, out error);
        USearchNative.Check(error, "threads for adding");
        USearchNative.usearch_change_threads_search(handle, SearchContexts, out error);
        USearchNative.Check(error, "threads for searching");
        return handle;
    }

    private void AddAll(nint rows, int threads)
    {
        var d = Dimensions;
        Parallel.For(0, Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, key =>
        {
            USearchNative.usearch_add(handle, (ulong)key, (float*)rows + (long)key * d, ScalarKind.Float32, out var error);
            USearchNative.Check(error, $"add of key {key}");
        });
    }

    public int Search(ReadOnlySpan<float> query, Span<int> keys, Span<float> scores, Func<int, bool>? allow = null)
    {
        VectorArguments.CheckSearch(query, keys, scores, Dimensions);
        var k = Math.Min(keys.Length, Count);
        if (k == 0) return 0;
        var foundKeys = ArrayPool<ulong>.Shared.Rent(k);
        var distances = ArrayPool<float>.Shared.Rent(k);
        try
        {
            var found = allow is null ? Search(query, k, foundKeys, distances) : SearchAllowed(query, k, allow, foundKeys, distances);
            for (var i = 0; i < found; i++)
            {
                keys[i] = (int)foundKeys[i];
                scores[i] = 1f - distances[i];
            }
            return found;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(foundKeys);
            ArrayPool<float>.Shared.Return(distances);
        }
    }

    private int Search(ReadOnlySpan<float> query, int k, ulong[] foundKeys, float[] distances)
    {
        nuint found;
        IntPtr error;
        fixed (float* q = query)
        fixed (ulong* keys = foundKeys)
        fixed (float* d = distances)
            found = USearchNative.usearch_search(handle, q, ScalarKind.Float32, (nuint)k, keys, d, out error);
        USearchNative.Check(error, "search");
        return (int)found;
    }

    private int SearchAllowed(ReadOnlySpan<float> query, int k, Func<int, bool> allow, ulong[] foundKeys, float[] distances)
    {
        var filter = new Filter(allow);
        var state = GCHandle.Alloc(filter);
        nuint found;
        IntPtr error;
        try
        {
            fixed (float* q = query)
            fixed (ulong* keys = foundKeys)
            fixed (float* d = distances)
                found = USearchNative.usearch_filtered_search(handle, q, ScalarKind.Float32, (nuint)k, &Allowed, GCHandle.ToIntPtr(state), keys, d, out error);
        }
        finally { state.Free(); }
        if (filter.Error is { } thrown) throw new InvalidOperationException("the allow filter threw during a vector search", thrown);
        USearchNative.Check(error, "filtered search");
        return (int)found;
    }

    /// <summary>Called by USearch for each candidate key; an exception must not cross into native code, so it is kept and rethrown after.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Allowed(ulong key, IntPtr state)
    {
        var filter = (Filter)GCHandle.FromIntPtr(state).Target!;
        if (filter.Error is not null) return 0;
        try { return filter.Allow((int)key) ? 1 : 0; }
        catch (Exception error)
        {
            filter.Error = error;
            return 0;
        }
    }

    private sealed class Filter(Func<int, bool> allow)
    {
        public Func<int, bool> Allow { get; } = allow;
        public Exception? Error { get; set; }
    }

    /// <summary>Frees the native index once no search is running in it (see <see cref="USearchHandle"/>).</summary>
    public void Dispose() => handle.Dispose();
}
