namespace ContentGrains.Core.Rules;

/// <summary>
/// "Baskets with <see cref="Antecedent"/> also hold <see cref="Consequent"/>": Count baskets hold both;
/// Support = Count / baskets, Confidence = Count / count(antecedent), Lift = Confidence / support(consequent).
/// Item indices are sorted ascending.
/// </summary>
public sealed record AssociationRule(int[] Antecedent, int[] Consequent, int Count, double Support, double Confidence, double Lift)
{
    public string Key => FrequentItemset.KeyOf(Antecedent) + "=>" + FrequentItemset.KeyOf(Consequent);
}
