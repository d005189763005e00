using System.Runtime.InteropServices;
using TorchSharp;

namespace ContentGrains.Training;

/// <summary>
/// Where a model trains: CUDA when libtorch sees a GPU, else the CPU. The CPU thread count is set deliberately either
/// way (host-side work runs on it on a GPU silo too). Trainers record the name.
/// </summary>
internal static class TrainingDevice
{
    public static torch.Device Pick(int cpuThreads)
    {
        torch.set_num_threads(cpuThreads);
        return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
    }

    public static string Name(torch.Device device) => device.type == DeviceType.CUDA ? "cuda" : "cpu";

    /// <summary>
    /// Before a fit and after it has disposed its tensors: hands the native heap's free pages back to the OS (glibc's malloc_trim).
    /// libtorch allocates a step's tensors with malloc, and glibc keeps what they freed for reuse: at latest-small's shape
    /// the trainer's native heap held 126 MB after the fit, 70 MB after the trim (bench/training-memory.sh), and the rest
    /// stayed resident under whatever the job did next (evaluating, storing, publishing the model). Elsewhere (another
    /// OS, another C library) nothing happens.
    /// </summary>
    public static void ReleaseFreedNativeMemory()
    {
        if (!OperatingSystem.IsLinux()) return;
        try { MallocTrim(0); }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException) { } // not glibc: nothing to trim
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
