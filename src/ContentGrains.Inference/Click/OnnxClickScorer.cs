using ContentGrains.Core.Click;
using Microsoft.ML.OnnxRuntime;

namespace ContentGrains.Inference.Click;

/// <summary>
/// The click model as every silo runs it: an ONNX Runtime session made from the model's bytes (input "features",
/// N × <see cref="ClickFeatures.Count"/>; output "probability", N × 1), scoring a whole batch of candidates in one
/// call. A model whose input is not this project's feature row is refused when loaded, not when it first serves.
/// Run is thread-safe, so one scorer serves every request on the silo.
/// </summary>
public sealed class OnnxClickScorer : IClickScorer, IDisposable
{
    public const string InputName = "features";
    public const string OutputName = "probability";

    private readonly InferenceSession session;
    private readonly string[] inputNames = [InputName];
    private readonly string[] outputNames = [OutputName];

    public OnnxClickScorer(byte[] model, string version, int threads = 1, string device = OnnxExecution.Cpu)
    {
        var (sessionOptions, used, fallback) = OnnxExecution.Options(device, threads);
        using var options = sessionOptions;
        (Device, DeviceFallbackReason) = (used, fallback);
        try { session = new InferenceSession(model, options); }
        catch (OnnxRuntimeException e) { throw new InvalidDataException($"click model {version}: not a loadable ONNX model ({e.Message})", e); }
        Version = version;
        try { CheckShape(); }
        catch { session.Dispose(); throw; }
    }

    public string Version { get; }

    /// <summary>The execution provider the session runs on: <c>cpu</c> or <c>cuda</c>.</summary>
    public string Device { get; }

    /// <summary>Why a requested <c>cuda</c> session runs on the CPU instead; null when it runs where asked.</summary>
    public string? DeviceFallbackReason { get; }

    public float[] Score(float[] rows)
    {
        if (rows.Length % ClickFeatures.Count != 0)
            throw new ArgumentException($"rows: {rows.Length} values is not a whole number of {ClickFeatures.Count}-feature rows", nameof(rows));
        var count = rows.Length / ClickFeatures.Count;
        if (count == 0) return [];
        using var input = OrtValue.CreateTensorValueFromMemory(rows, [count, ClickFeatures.Count]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, inputNames, [input], outputNames);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public void Dispose() => session.Dispose();

    private void CheckShape()
    {
        if (!session.InputMetadata.TryGetValue(InputName, out var input))
            throw new InvalidDataException($"click model {Version}: no input named '{InputName}'");
        if (input.Dimensions.Length != 2 || input.Dimensions[1] != ClickFeatures.Count)
            throw new InvalidDataException($"click model {Version}: input '{InputName}' has shape [{string.Join(", ", input.Dimensions)}], expected [N, {ClickFeatures.Count}]");
        if (!session.OutputMetadata.ContainsKey(OutputName))
            throw new InvalidDataException($"click model {Version}: no output named '{OutputName}'");
    }
}
