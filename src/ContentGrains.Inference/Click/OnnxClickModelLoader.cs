using ContentGrains.Core.Click;

namespace ContentGrains.Inference.Click;

/// <summary>
/// Loads a published click model into ONNX Runtime (<see cref="OnnxClickScorer"/> refuses a wrong input width) on the
/// configured device (<see cref="OnnxExecution"/>); <paramref name="warn"/> hears when a requested GPU is not usable.
/// </summary>
public sealed class OnnxClickModelLoader(string device = OnnxExecution.Cpu, Action<string>? warn = null) : IClickModelLoader
{
    public IClickScorer Load(ClickArtifact artifact)
    {
        var scorer = new OnnxClickScorer(artifact.Onnx, artifact.ModelVersion, device: device);
        if (scorer.DeviceFallbackReason is { } reason)
            warn?.Invoke($"click model {artifact.ModelVersion} scores on the CPU, not {device}: {reason}");
        return scorer;
    }
}
