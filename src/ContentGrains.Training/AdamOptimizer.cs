using TorchSharp;
using static TorchSharp.torch;

namespace ContentGrains.Training;

/// <summary>
/// Adam over whole parameters, with <see cref="AdamRule"/>'s update. Written here rather than using TorchSharp's
/// optim.Adam because TorchSharp 0.107.0 can crash at random ("INTERNAL ASSERT FAILED … Scalar.h") when a Scalar made
/// implicitly from a number is freed by the garbage collector before the native call is done with it; that happens
/// inside the built-in optimizer.
/// </summary>
internal sealed class AdamOptimizer : IDisposable
{
    private readonly Tensor[] parameters;
    private readonly Tensor[] firstMoments;
    private readonly Tensor[] secondMoments;
    private readonly AdamRule rule;

    /// <param name="parameters">Leaf tensors with requires_grad; they are updated in place.</param>
    public AdamOptimizer(IEnumerable<Tensor> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        this.parameters = parameters.ToArray();
        firstMoments = this.parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
        secondMoments = this.parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
        rule = new AdamRule(learningRate, beta1, beta2, epsilon);
    }

    /// <summary>How many steps have been taken (t in the bias corrections).</summary>
    public int Steps => rule.Steps;

    public void ZeroGrad()
    {
        foreach (var parameter in parameters)
            parameter.grad?.zero_();
    }

    /// <summary>One update from the gradients the last backward pass left in each parameter's <c>grad</c>.</summary>
    public void Step()
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        using var step = rule.NextStep();
        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].grad is { } gradient)
                rule.Update(parameters[i], firstMoments[i], secondMoments[i], gradient, step);
        }
    }

    public void Dispose()
    {
        foreach (var moment in firstMoments.Concat(secondMoments))
            moment.Dispose();
        rule.Dispose();
    }
}
