namespace ContentGrains.Core.Models;

/// <summary>
/// Hyperparameters of <see cref="ImplicitAlsModel"/>: the factor dimension, the L2 weight λ on every factor, the
/// confidence slope α (an observed pair has confidence 1 + α, every other pair 1), the number of sweeps (each an
/// item step then a user step) and the seed of the random start. Defaults tuned on ml-100k's validation split.
/// </summary>
public sealed record ImplicitAlsOptions(
    int Factors = 64,
    double Regularization = 10,
    double Alpha = 10,
    int Iterations = 15,
    int Seed = 2020)
{
    /// <summary>Standard deviation of the Gaussian the factors start from.</summary>
    public double InitialScale { get; init; } = 0.01;
}
