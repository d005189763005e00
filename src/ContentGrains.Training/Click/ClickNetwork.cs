using TorchSharp;
using static TorchSharp.torch;

namespace ContentGrains.Training.Click;

/// <summary>
/// The click model as TorchSharp tensors: linear layers with ReLU between them, giving one logit per standardised row.
/// Training updates these tensors; <see cref="ToWeights"/> reads them back as a plain <see cref="ClickModelWeights"/>.
/// </summary>
internal sealed class ClickNetwork : IDisposable
{
    private readonly Tensor[] weights;
    private readonly Tensor[] biases;

    private ClickNetwork(Tensor[] weights, Tensor[] biases)
    {
        this.weights = weights;
        this.biases = biases;
    }

    public IEnumerable<Tensor> Parameters => weights.Concat(biases);

    /// <summary>
    /// PyTorch's Linear initialisation (uniform ±1/√inputs) drawn from the seeded <paramref name="random"/>, except the
    /// output bias, which starts at the logit of the training click rate so the first epochs learn ranking, not the base rate.
    /// </summary>
    public static ClickNetwork Initialise(int features, int hidden, double clickRate, Random random, Device device)
    {
        var shapes = hidden == 0 ? new[] { (features, 1) } : [(features, hidden), (hidden, 1)];
        var layers = shapes.Select(s =>
        {
            var bound = 1 / Math.Sqrt(s.Item1);
            float Draw() => (float)((random.NextDouble() * 2 - 1) * bound);
            return new DenseLayer(s.Item1, s.Item2, Enumerable.Range(0, s.Item1 * s.Item2).Select(_ => Draw()).ToArray(),
                Enumerable.Range(0, s.Item2).Select(_ => Draw()).ToArray());
        }).ToList();
        var rate = Math.Clamp(clickRate, 1e-4, 1 - 1e-4);
        layers[^1].Bias[0] = (float)Math.Log(rate / (1 - rate));
        return From(layers, device, trainable: true);
    }

    public static ClickNetwork From(IReadOnlyList<DenseLayer> layers, Device device, bool trainable = false) => new(
        layers.Select(l => Leaf(torch.tensor(l.Weight, [l.Outputs, l.Inputs]), device, trainable)).ToArray(),
        layers.Select(l => Leaf(torch.tensor(l.Bias, [l.Outputs]), device, trainable)).ToArray());

    /// <summary>One logit per row of <paramref name="standardised"/> (N × features).</summary>
    public Tensor Logits(Tensor standardised)
    {
        var x = standardised;
        for (var i = 0; i < weights.Length; i++)
        {
            x = torch.nn.functional.linear(x, weights[i], biases[i]);
            if (i < weights.Length - 1) x = torch.nn.functional.relu(x);
        }
        return x.squeeze(1);
    }

    /// <summary>Σ of the squared weights (biases excluded): the L2 penalty.</summary>
    public Tensor SquaredWeights()
    {
        var total = weights[0].mul(weights[0]).sum();
        using var one = 1.0.ToScalar();
        for (var i = 1; i < weights.Length; i++)
            total = total.add(weights[i].mul(weights[i]).sum(), one);
        return total;
    }

    public ClickModelWeights ToWeights(float[] mean, float[] scale) => new(mean, scale,
        weights.Select((w, i) => new DenseLayer((int)w.shape[1], (int)w.shape[0], Read(w), Read(biases[i]))).ToList());

    public void Dispose()
    {
        foreach (var tensor in Parameters) tensor.Dispose();
    }

    private static Tensor Leaf(Tensor values, Device device, bool trainable)
    {
        var onDevice = values.to(device).DetachFromDisposeScope();
        if (!ReferenceEquals(onDevice, values)) values.Dispose();
        return trainable ? onDevice.requires_grad_(true) : onDevice;
    }

    private static float[] Read(Tensor tensor)
    {
        using var scope = torch.NewDisposeScope();
        return tensor.detach().cpu().data<float>().ToArray();
    }
}
