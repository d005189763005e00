using TorchSharp;
using static TorchSharp.torch;

namespace ContentGrains.Training;

/// <summary>
/// Adam's update rule (Kingma and Ba 2015) as torch.optim.Adam computes it, without weight decay, shared by
/// <see cref="AdamOptimizer"/> (whole parameters) and <see cref="Embedding.RowAdam"/> (the rows a step touched):
/// m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; p ← p − lr·(m / (1−β₁ᵗ)) / (√v / √(1−β₂ᵗ) + ε).
/// Every Scalar is made explicitly and disposed only after the call that uses it (TorchSharp 0.107.0 crashes at random
/// when an implicit one is freed early; DESIGN.md).
/// </summary>
internal sealed class AdamRule : IDisposable
{
    private readonly double learningRate;
    private readonly double beta1;
    private readonly double beta2;
    private readonly Scalar beta1Scalar;
    private readonly Scalar beta2Scalar;
    private readonly Scalar oneMinusBeta1;
    private readonly Scalar oneMinusBeta2;
    private readonly Scalar epsilon;
    private readonly Scalar one;

    public AdamRule(double learningRate, double beta1, double beta2, double epsilon)
    {
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        beta1Scalar = beta1.ToScalar();
        beta2Scalar = beta2.ToScalar();
        oneMinusBeta1 = (1 - beta1).ToScalar();
        oneMinusBeta2 = (1 - beta2).ToScalar();
        this.epsilon = epsilon.ToScalar();
        one = 1.0.ToScalar();
    }

    /// <summary>How many steps have been taken (t in the bias corrections).</summary>
    public int Steps { get; private set; }

    /// <summary>Counts one step and returns its bias corrections; dispose them once the step's updates are done.</summary>
    public AdamStep NextStep()
    {
        Steps++;
        return new AdamStep((-learningRate / (1 - Math.Pow(beta1, Steps))).ToScalar(), Math.Sqrt(1 - Math.Pow(beta2, Steps)).ToScalar());
    }

    /// <summary>Updates the moments, then the weights, in place from <paramref name="gradient"/>; call inside a no-grad dispose scope.</summary>
    public void Update(Tensor weights, Tensor firstMoments, Tensor secondMoments, Tensor gradient, AdamStep step)
    {
        firstMoments.mul_(beta1Scalar).add_(gradient, oneMinusBeta1);
        secondMoments.mul_(beta2Scalar).addcmul_(gradient, gradient, oneMinusBeta2);
        // add_(epsilon, one), not add_(epsilon): the one-argument overload makes an implicit Scalar(1) inside.
        var denominator = secondMoments.sqrt().div_(step.SecondBiasCorrectionRoot).add_(epsilon, one);
        weights.addcdiv_(firstMoments, denominator, step.NegativeStepSize);
    }

    public void Dispose()
    {
        beta1Scalar.Dispose();
        beta2Scalar.Dispose();
        oneMinusBeta1.Dispose();
        oneMinusBeta2.Dispose();
        epsilon.Dispose();
        one.Dispose();
    }
}

/// <summary>One step's bias corrections: −lr / (1−β₁ᵗ) and √(1−β₂ᵗ).</summary>
internal sealed record AdamStep(Scalar NegativeStepSize, Scalar SecondBiasCorrectionRoot) : IDisposable
{
    public void Dispose()
    {
        NegativeStepSize.Dispose();
        SecondBiasCorrectionRoot.Dispose();
    }
}
