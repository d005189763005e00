using TorchSharp;
using static TorchSharp.torch;

namespace ContentGrains.Training.Tests;

public class AdamOptimizerTests
{
    /// <summary>
    /// Two steps on p = (1, −2) with lr 0.1, β = (0.9, 0.999), ε = 1e-8, gradients g₁ = (0.5, −0.1) then g₂ = (−0.5, 0.3).
    /// Step 1: m̂ = g, v̂ = g², so p moves by −lr·sign(g): (0.9, −1.9).
    /// Step 2, first entry: m = 0.9·0.05 − 0.1·0.5 = −0.005, m̂ = −0.005 / 0.19 = −0.0263158;
    /// v = 0.999·0.00025 + 0.001·0.25 = 0.00049975, v̂ = v / 0.001999 = 0.25; p = 0.9 + 0.1·0.0263158 / 0.5 = 0.9052632.
    /// Second entry: m = −0.009 + 0.03 = 0.021, m̂ = 0.1105263; v = 0.00000999 + 0.00009 = 0.00009999,
    /// v̂ = 0.0500200, √v̂ = 0.2236515; p = −1.9 − 0.1·0.1105263 / 0.2236515 = −1.9494190.
    /// </summary>
    [Fact]
    public void Two_steps_match_the_hand_computed_adam_updates()
    {
        using var parameter = torch.tensor(new float[] { 1f, -2f }).requires_grad_(true);
        using var optimizer = new AdamOptimizer([parameter], learningRate: 0.1);

        StepWithGradient(parameter, optimizer, 0.5f, -0.1f);
        AssertValues([0.9f, -1.9f], parameter);

        StepWithGradient(parameter, optimizer, -0.5f, 0.3f);
        AssertValues([0.9052632f, -1.9494190f], parameter);
        Assert.Equal(2, optimizer.Steps);
    }

    [Fact]
    public void Zero_grad_clears_the_gradient_left_by_backward()
    {
        using var parameter = torch.tensor(new float[] { 1f, -2f }).requires_grad_(true);
        using var optimizer = new AdamOptimizer([parameter]);
        using (var gradient = torch.tensor(new float[] { 3f, 4f }))
        using (var loss = parameter.mul(gradient).sum())
            loss.backward();

        optimizer.ZeroGrad();

        Assert.Equal([0f, 0f], parameter.grad!.data<float>().ToArray());
    }

    /// <summary>Makes the gradient of <paramref name="parameter"/> equal to the given values (loss = Σ pᵢ·gᵢ), then steps.</summary>
    private static void StepWithGradient(Tensor parameter, AdamOptimizer optimizer, params float[] gradient)
    {
        using var scope = torch.NewDisposeScope();
        var loss = parameter.mul(torch.tensor(gradient)).sum();
        optimizer.ZeroGrad();
        loss.backward();
        optimizer.Step();
    }

    private static void AssertValues(float[] expected, Tensor actual)
    {
        var values = actual.data<float>().ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], values[i], 1e-6f);
    }
}
