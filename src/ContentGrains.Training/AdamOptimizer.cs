using TorchSharp;
using static TorchSharp.torch;

namespace ContentGrains.Training;

/// <summary>
/// Adam (Kingma and Ba 2015) as torch.optim.Adam computes it, without weight decay:
/// m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; p ← p − lr·(m / (1−β₁ᵗ)) / (√v / √(1−β₂ᵗ) + ε).
/// Written here rather than using TorchSharp's optim.Adam because TorchSharp 0.107.0 can crash at random
/// ("INTERNAL ASSERT FAILED … Scalar.h") when a Scalar made implicitly from a number is freed by the garbage
/// collector before the native call is done with it; that happens inside the built-in optimizer. Every Scalar
/// here is made explicitly and disposed only after the call that uses it.
/// </summary>
internal sealed class AdamOptimizer : IDisposable
{
    private readonly Tensor[] parameters;
    private readonly Tensor[] firstMoments;
    private readonly Tensor[] secondMoments;
    private readonly double learningRate;
    private readonly double beta1;
    private readonly double beta2;
    private readonly Scalar beta1Scalar;
    private readonly Scalar beta2Scalar;
    private readonly Scalar oneMinusBeta1;
    private readonly Scalar oneMinusBeta2;
    private readonly Scalar epsilon;
    private readonly Scalar one;
    private int step;

    /// <param name="parameters">Leaf tensors with requires_grad; they are updated in place.</param>
    public AdamOptimizer(IEnumerable<Tensor> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        this.parameters = parameters.ToArray();
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        firstMoments = this.parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
        secondMoments = this.parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
        beta1Scalar = beta1.ToScalar();
        beta2Scalar = beta2.ToScalar();
        oneMinusBeta1 = (1 - beta1).ToScalar();
        oneMinusBeta2 = (1 - beta2).ToScalar();
        this.epsilon = epsilon.ToScalar();
        one = 1.0.ToScalar();
    }

    /// <summary>How many steps have been taken (t in the bias corrections).</summary>
    public int Steps => step;

    public void ZeroGrad()
    {
        foreach (var parameter in parameters)
            parameter.grad?.zero_();
    }

    /// <summary>One update from the gradients the last backward pass left in each parameter's <c>grad</c>.</summary>
    public void Step()
    {
        step++;
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        using var negativeStepSize = (-learningRate / (1 - Math.Pow(beta1, step))).ToScalar();
        using var secondBiasCorrectionRoot = Math.Sqrt(1 - Math.Pow(beta2, step)).ToScalar();
        for (var i = 0; i < parameters.Length; i++)
        {
            var gradient = parameters[i].grad;
            if (gradient is null)
                continue;
            firstMoments[i].mul_(beta1Scalar).add_(gradient, oneMinusBeta1);
            secondMoments[i].mul_(beta2Scalar).addcmul_(gradient, gradient, oneMinusBeta2);
            // add_(epsilon, one), not add_(epsilon): the one-argument overload makes an implicit Scalar(1) inside.
            var denominator = secondMoments[i].sqrt().div_(secondBiasCorrectionRoot).add_(epsilon, one);
            parameters[i].addcdiv_(firstMoments[i], denominator, negativeStepSize);
        }
    }

    public void Dispose()
    {
        foreach (var moment in firstMoments.Concat(secondMoments))
            moment.Dispose();
        beta1Scalar.Dispose();
        beta2Scalar.Dispose();
        oneMinusBeta1.Dispose();
        oneMinusBeta2.Dispose();
        epsilon.Dispose();
        one.Dispose();
    }
}
