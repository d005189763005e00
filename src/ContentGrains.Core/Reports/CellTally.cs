namespace ContentGrains.Core.Reports;

/// <summary>
/// The sums behind one cell (or a sum of cells): impressions, clicks, dwell values (count, sum, sum of squares), and the
/// cell's retention cohort (people whose first event in the window fell in it: those whose day 1 or day 7 is observable,
/// and those active again that day). Doubles, because a private report holds noisy sums; <see cref="Cells"/> counts the
/// cells added up, since each carries its own noise. Additive, so marginals are sums of cells.
/// </summary>
public sealed record CellTally
{
    public double Cells { get; set; }
    public double Impressions { get; set; }
    public double Clicks { get; set; }
    public double DwellCount { get; set; }
    public double DwellSum { get; set; }
    public double DwellSquares { get; set; }
    public double Cohort1 { get; set; }
    public double Retained1 { get; set; }
    public double Cohort7 { get; set; }
    public double Retained7 { get; set; }

    public void Add(CellTally other)
    {
        Cells += other.Cells;
        Impressions += other.Impressions;
        Clicks += other.Clicks;
        DwellCount += other.DwellCount;
        DwellSum += other.DwellSum;
        DwellSquares += other.DwellSquares;
        Cohort1 += other.Cohort1;
        Retained1 += other.Retained1;
        Cohort7 += other.Cohort7;
        Retained7 += other.Retained7;
    }

    public static CellTally Sum(IEnumerable<CellTally> tallies)
    {
        var sum = new CellTally();
        foreach (var t in tallies) sum.Add(t);
        return sum;
    }
}
