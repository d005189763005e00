namespace ContentGrains.Core.Rules;

/// <summary>
/// What counts as a rule: an itemset in at least <see cref="MinSupport"/> of the baskets, of at most
/// <see cref="MaxSize"/> items (antecedent and consequent together), split into rules whose confidence and lift reach
/// <see cref="MinConfidence"/> and <see cref="MinLift"/>.
/// </summary>
public sealed record RuleMiningOptions
{
    public double MinSupport { get; init; } = 0.01;
    public double MinConfidence { get; init; } = 0.1;
    public double MinLift { get; init; } = 1.0;
    /// <summary>
    /// 2 by default: pair rules X ⇒ Y, which is what "people who read X also read Y" serves. Sessions of heavy users
    /// make larger itemsets explode (ml-100k at 1% support: 827 frequent items, 54,852 frequent pairs, millions of
    /// triples), so a larger size wants a higher support.
    /// </summary>
    public int MaxSize { get; init; } = 2;

    /// <summary>Mining stops with an error beyond this many frequent itemsets, rather than exhausting memory.</summary>
    public int MaxItemsets { get; init; } = 500_000;

    /// <summary>The first bad setting as (field, reason), or null.</summary>
    public (string Field, string Reason)? Problem() =>
        !(MinSupport > 0 && MinSupport <= 1) ? ("minSupport", "must be in (0, 1]")
        : !(MinConfidence >= 0 && MinConfidence <= 1) ? ("minConfidence", "must be in [0, 1]")
        : !(MinLift >= 0 && double.IsFinite(MinLift)) ? ("minLift", "must be finite and at least 0")
        : MaxSize is < 2 or > 8 ? ("maxSize", "must be between 2 and 8 (a rule needs two items)")
        : MaxItemsets < 1 ? ("maxItemsets", "must be at least 1")
        : null;

    public RuleMiningOptions Validated() =>
        Problem() is { } p ? throw new ArgumentException($"{p.Field} {p.Reason}", p.Field) : this;
}
