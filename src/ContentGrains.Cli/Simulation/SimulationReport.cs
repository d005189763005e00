using System.Globalization;
using System.Text.Json;
using ContentGrains.Core.Simulation;

namespace ContentGrains.Cli.Simulation;

/// <summary>One simulated day as reported: the day's figures and, when the engine was retrained after it, what training said.</summary>
public sealed record ReportedDay(DayReport Figures, string? TrainedAfter);

/// <summary>Totals over all days: CTR and the oracle's and random feeds' figures weighted by impressions, and CTR as a share of the oracle policy's.</summary>
public sealed record ReportTotals(long Impressions, long Clicks, long Likes, double Ctr, double MeanOracleProbability, double OracleCtr, double RandomCtr,
    double CtrShareOfOracle)
{
    public static ReportTotals Of(IReadOnlyList<DayReport> days)
    {
        long impressions = days.Sum(d => d.Impressions), clicks = days.Sum(d => d.Clicks);
        double Weighted(Func<DayReport, double> f) => impressions == 0 ? 0 : days.Sum(d => f(d) * d.Impressions) / impressions;
        var ctr = impressions == 0 ? 0 : (double)clicks / impressions;
        var oracle = Weighted(d => d.OracleCtr);
        return new ReportTotals(impressions, clicks, days.Sum(d => d.Likes), ctr, Weighted(d => d.MeanOracleProbability), oracle,
            Weighted(d => d.RandomCtr), oracle == 0 ? 0 : ctr / oracle);
    }
}

/// <summary>What the engine answered to the events sent: accepted, duplicates, rejected (with the first reason).</summary>
public sealed record EventCounts(long Sent, long Accepted, long Duplicates, long Rejected, string? FirstRejection);

/// <summary>The JSON report of `contentgrains simulate`; with planted headline tests, the engine's verdict on each.</summary>
public sealed record SimulationReport(string Engine, WorldSettings World, int FeedSize, string Channel, bool RetrainEveryDay, int ItemsStored,
    IReadOnlyList<ReportedDay> Days, ReportTotals Totals, EventCounts Events, HeadlineSummary? Headlines = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + Environment.NewLine);

    public static SimulationReport Load(string path) => JsonSerializer.Deserialize<SimulationReport>(File.ReadAllText(path), Json)!;

    public const string TableHeader = "day  date        visitors  retention  feeds  left  impressions  clicks  likes     CTR  oracle p  oracle CTR  random CTR  model";

    public static string TableRow(DayReport d) => string.Format(CultureInfo.InvariantCulture,
        "{0,3}  {1:yyyy-MM-dd}  {2,8}  {3,9}  {4,5}  {5,4}  {6,11}  {7,6}  {8,5}  {9,6:F4}  {10,8:F4}  {11,10:F4}  {12,10:F4}  {13}",
        d.Day, d.Date, d.Visitors, d.Retention is { } r ? r.ToString("F3", CultureInfo.InvariantCulture) : "-", d.Feeds, d.LeftEarly,
        d.Impressions, d.Clicks, d.Likes, d.Ctr, d.MeanOracleProbability, d.OracleCtr, d.RandomCtr, string.Join(",", d.Models));
}
