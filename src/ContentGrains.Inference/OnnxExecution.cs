using Microsoft.ML.OnnxRuntime;

namespace ContentGrains.Inference;

/// <summary>
/// Where an ONNX Runtime session runs. <c>cpu</c> is the default: a feed scores a few hundred short rows, which the CPU
/// does in microseconds while a GPU would spend longer copying them. <c>cuda</c> asks for ONNX Runtime's CUDA provider,
/// which exists only in a build made with <c>-p:ContentGrainsAccelerator=cuda</c> (README, "GPU builds") on a machine
/// with CUDA 13 and cuDNN 9; anywhere else the session falls back to the CPU and says why, so a silo never refuses a
/// model for want of a GPU.
/// </summary>
public static class OnnxExecution
{
    public const string Cpu = "cpu";
    public const string Cuda = "cuda";

    /// <summary>Session options for <paramref name="device"/>, and the provider they really use.</summary>
    public static (SessionOptions Options, string Device, string? FallbackReason) Options(string device, int threads)
    {
        var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 };
        switch (device)
        {
            case Cpu:
                return (options, Cpu, null);
            case Cuda:
                try
                {
                    options.AppendExecutionProvider_CUDA(0);
                    return (options, Cuda, null);
                }
                catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
                {
                    options.Dispose();
                    var reason = $"ONNX Runtime's CUDA provider is not usable here ({FirstLine(e.Message)})";
                    return (new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 }, Cpu, reason);
                }
            default:
                options.Dispose();
                throw new ArgumentException($"device: '{device}' is not an ONNX Runtime device; use '{Cpu}' or '{Cuda}'", nameof(device));
        }
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n');
        return end < 0 ? text : text[..end];
    }
}
