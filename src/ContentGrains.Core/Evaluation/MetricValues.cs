namespace ContentGrains.Core.Evaluation;

/// <summary>Ranking metrics at one cut-off, for one user or averaged over users.</summary>
public readonly record struct MetricValues(double Recall, double Mrr, double Ndcg, double Hit, double Precision)
{
    public static MetricValues operator +(MetricValues a, MetricValues b) =>
        new(a.Recall + b.Recall, a.Mrr + b.Mrr, a.Ndcg + b.Ndcg, a.Hit + b.Hit, a.Precision + b.Precision);

    public MetricValues DividedBy(double n) => new(Recall / n, Mrr / n, Ndcg / n, Hit / n, Precision / n);

    public override string ToString() =>
        $"Recall {Recall:F4}, MRR {Mrr:F4}, NDCG {Ndcg:F4}, Hit {Hit:F4}, Precision {Precision:F4}";
}
