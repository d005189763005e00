using System.Runtime.InteropServices;
using Cloud.Unum.USearch;

namespace ContentGrains.Inference.Vectors;

/// <summary>
/// The few calls of USearch's C library (libusearch_c, shipped by Cloud.Unum.USearch 2.26.6) that its C# wrapper does
/// not expose: reserving capacity up front (so adds can run on several threads), the thread contexts, memory usage,
/// and reading a vector back into a caller's buffer. Signatures follow c/usearch.h of that release.
/// </summary>
internal static unsafe class USearchNative
{
    private const string Library = "libusearch_c";

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern USearchHandle usearch_init(ref IndexOptions options, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void usearch_free(IntPtr index, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void usearch_reserve(USearchHandle index, nuint capacity, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void usearch_change_threads_add(USearchHandle index, nuint threads, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void usearch_change_threads_search(USearchHandle index, nuint threads, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void usearch_change_expansion_search(USearchHandle index, nuint expansion, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern nuint usearch_size(USearchHandle index, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern nuint usearch_memory_usage(USearchHandle index, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void usearch_add(USearchHandle index, ulong key, float* vector, ScalarKind vectorKind, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern nuint usearch_search(USearchHandle index, float* query, ScalarKind queryKind, nuint count,
        ulong* keys, float* distances, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern nuint usearch_get(USearchHandle index, ulong key, nuint count, float* vector, ScalarKind vectorKind, out IntPtr error);

    /// <summary>Throws with the library's message when a call reported an error.</summary>
    public static void Check(IntPtr error, string operation)
    {
        if (error != IntPtr.Zero)
            throw new InvalidOperationException($"USearch {operation} failed: {Marshal.PtrToStringAnsi(error)}");
    }
}

/// <summary>
/// The native index pointer. As a SafeHandle, every call holds a reference, so disposing an index that searches are
/// still running in (a model swap) frees it only when the last of them returns: no use-after-free, no waiting.
/// </summary>
internal sealed class USearchHandle() : Microsoft.Win32.SafeHandles.SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
{
    protected override bool ReleaseHandle()
    {
        USearchNative.usearch_free(handle, out var error);
        return error == IntPtr.Zero;
    }
}
