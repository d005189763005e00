namespace ContentGrains.Core.Simulation;

/// <summary>
/// The simulator's planted headline truth: an item's variants share one base click probability, and the planted variant's
/// is multiplied by (1 + <see cref="RelativeLift"/>). A headline bandit is right when it declares the planted variant.
/// </summary>
public sealed record PlantedHeadline(int Variants, int Planted, double BaseClickProbability, double RelativeLift)
{
    public double ClickProbability(int variant) =>
        Math.Min(1, BaseClickProbability * (variant == Planted ? 1 + RelativeLift : 1));

    /// <summary>What showing <paramref name="variant"/> costs in expected clicks against always showing the planted one.</summary>
    public double Regret(int variant) => ClickProbability(Planted) - ClickProbability(variant);

    public string VariantId(int variant) => $"v{variant}";

    public (string Field, string Reason)? Problem() =>
        Variants < 2 ? (nameof(Variants), "must be at least 2")
        : Planted < 0 || Planted >= Variants ? (nameof(Planted), $"must be between 0 and {Variants - 1}")
        : BaseClickProbability is <= 0 or >= 1 ? (nameof(BaseClickProbability), "must be between 0 and 1, exclusive")
        : RelativeLift <= 0 ? (nameof(RelativeLift), "must be above 0")
        : null;
}
