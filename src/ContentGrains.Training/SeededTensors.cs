using static TorchSharp.torch;

namespace ContentGrains.Training;

/// <summary>Initial weights drawn with the project's own seeded generator, so a seed fixes a training run.</summary>
internal static class SeededTensors
{
    /// <summary>
    /// A rows × dimension weight drawn from N(0, 2 / (rows + dimension)), PyTorch's xavier_normal_ on an embedding
    /// (RecBole's initialisation), with requires_grad.
    /// </summary>
    public static Tensor XavierNormal(int rows, int dimension, Random random, Device? device = null) =>
        Normal(rows, dimension, Math.Sqrt(2.0 / (rows + dimension)), random, device);

    /// <summary>A rows × columns weight drawn from N(0, deviation²), with requires_grad.</summary>
    public static Tensor Normal(int rows, int columns, double deviation, Random random, Device? device = null)
    {
        var values = new float[rows * columns];
        for (var i = 0; i < values.Length; i++)
            values[i] = (float)(deviation * StandardNormal(random));
        return tensor(values, [rows, columns], device: device).requires_grad_(true);
    }

    private static double StandardNormal(Random random)
    {
        // Box–Muller; 1 − NextDouble() is in (0, 1], so the logarithm is finite.
        var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble()));
        return radius * Math.Cos(2.0 * Math.PI * random.NextDouble());
    }
}
