using ContentGrains.Core.Click;

namespace ContentGrains.Inference.Click;

/// <summary>Loads a published click model into ONNX Runtime (<see cref="OnnxClickScorer"/> refuses a wrong input width).</summary>
public sealed class OnnxClickModelLoader : IClickModelLoader
{
    public IClickScorer Load(ClickArtifact artifact) => new OnnxClickScorer(artifact.Onnx, artifact.ModelVersion);
}
