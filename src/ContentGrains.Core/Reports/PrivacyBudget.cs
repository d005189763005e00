using System.Globalization;

namespace ContentGrains.Core.Reports;

/// <summary>One private report's spend: which report, its epsilon and delta, and when.</summary>
public sealed record PrivacySpend(string ReportId, double Epsilon, double Delta, DateTimeOffset At);

/// <summary>
/// The privacy budget of the engine's data: the epsilons (and deltas) of every private report add up (sequential
/// composition), and a report that would take the total past the limit is refused before anything is computed. The
/// ledger is the stored state (the reports grain writes it before a job starts, so a restart cannot forget a spend);
/// the limits come from configuration, so an operator who raises them does so on purpose.
/// </summary>
public sealed class PrivacyBudget(double epsilonLimit, double deltaLimit, List<PrivacySpend> ledger)
{
    public double EpsilonLimit => epsilonLimit;
    public double DeltaLimit => deltaLimit;
    public IReadOnlyList<PrivacySpend> Ledger => ledger;
    public double EpsilonSpent => ledger.Sum(s => s.Epsilon);
    public double DeltaSpent => ledger.Sum(s => s.Delta);
    public double EpsilonLeft => Math.Max(0, epsilonLimit - EpsilonSpent);

    /// <summary>Why <paramref name="epsilon"/> cannot be spent now (field, reason), or null when it fits.</summary>
    public (string Field, string Reason)? Refusal(double epsilon, double delta) =>
        EpsilonSpent + epsilon > epsilonLimit + 1e-12
            ? ("epsilon", string.Create(CultureInfo.InvariantCulture, $"{epsilon:0.###} would exceed the privacy budget: {EpsilonSpent:0.###} of {epsilonLimit:0.###} spent, {EpsilonLeft:0.###} left"))
        : DeltaSpent + delta > deltaLimit * (1 + 1e-9)
            ? ("delta", string.Create(CultureInfo.InvariantCulture, $"{delta:G3} would exceed the delta budget: {DeltaSpent:G3} of {deltaLimit:G3} spent"))
        : null;

    /// <summary>Records the spend; throws when it does not fit (check <see cref="Refusal"/> first).</summary>
    public PrivacySpend Spend(string reportId, double epsilon, double delta, DateTimeOffset at)
    {
        if (Refusal(epsilon, delta) is { } r) throw new InvalidOperationException($"{r.Field} {r.Reason}");
        var spend = new PrivacySpend(reportId, epsilon, delta, at);
        ledger.Add(spend);
        return spend;
    }
}
