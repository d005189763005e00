using ContentGrains.Core.Click;
using ContentGrains.Inference.Click;
using ContentGrains.Training.Click;
using Microsoft.ML.OnnxRuntime;

namespace ContentGrains.Inference.Tests.Click;

/// <summary>The tests build the default (CPU) flavour: one native onnxruntime, without the CUDA provider.</summary>
public sealed class OnnxExecutionTests
{
    [Fact]
    public void The_default_build_ships_the_cpu_onnxruntime_only()
    {
        var providers = OrtEnv.Instance().GetAvailableProviders();

        Assert.Contains("CPUExecutionProvider", providers);
        Assert.DoesNotContain("CUDAExecutionProvider", providers);
        Assert.Single(Directory.GetFiles(AppContext.BaseDirectory, "libonnxruntime.so", SearchOption.AllDirectories),
            f => f.Contains("linux-x64", StringComparison.Ordinal));
    }

    [Fact]
    public void A_cuda_scorer_without_the_cuda_provider_scores_on_the_cpu_and_says_why()
    {
        var bytes = ClickOnnxExport.ToBytes(Logistic(), "v1");
        using var cpu = new OnnxClickScorer(bytes, "v1");
        using var cuda = new OnnxClickScorer(bytes, "v1", device: OnnxExecution.Cuda);
        var rows = Enumerable.Range(0, 3 * ClickFeatures.Count).Select(i => i % 7 / 7f).ToArray();

        Assert.Equal((OnnxExecution.Cpu, (string?)null), (cpu.Device, cpu.DeviceFallbackReason));
        Assert.Equal(OnnxExecution.Cpu, cuda.Device);
        Assert.Contains("CUDA provider is not usable", cuda.DeviceFallbackReason);
        Assert.Equal(cpu.Score(rows), cuda.Score(rows));
    }

    [Fact]
    public void The_loader_reports_the_fallback_and_an_unknown_device_is_refused_by_name()
    {
        var warnings = new List<string>();
        var artifact = new ClickArtifact(ClickFeatures.DefinitionVersion, "v2", ClickOnnxExport.ToBytes(Logistic(), "v2"));
        var scorer = new OnnxClickModelLoader(OnnxExecution.Cuda, warnings.Add).Load(artifact);
        (scorer as IDisposable)?.Dispose();

        Assert.Contains(warnings, w => w.StartsWith("click model v2 scores on the CPU, not cuda", StringComparison.Ordinal));
        Assert.Equal("device", Assert.Throws<ArgumentException>(() => OnnxExecution.Options("tpu", 1)).ParamName);
    }

    private static ClickModelWeights Logistic() => new(new float[ClickFeatures.Count], Enumerable.Repeat(1f, ClickFeatures.Count).ToArray(),
        [new DenseLayer(ClickFeatures.Count, 1, Enumerable.Range(0, ClickFeatures.Count).Select(i => (i % 5 - 2) / 10f).ToArray(), [0.1f])]);
}
