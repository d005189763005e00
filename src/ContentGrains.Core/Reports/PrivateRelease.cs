namespace ContentGrains.Core.Reports;

/// <summary>
/// What a private report releases, chosen from epsilon and the (noisy) counts. With a small budget the full cube's
/// cells (topic × format × channel × hour × segment: thousands of them) each get so much noise that every sum over them
/// drowns, so the report first releases coarse tables, one noise draw per coarse cell: topic × segment, channel × hour
/// × segment and format × segment. The full cube is released as well only where the counts support it: when the noisy
/// total spread over the cube's domain gives the average cell at least <see cref="MinSignalToNoise"/> times the noise of
/// one cell's impressions.
/// <para>Accounting (sequential composition; every share is fixed before any draw or decided from released values only):
/// <see cref="TotalShare"/> of epsilon for the noisy total, <see cref="PeopleShare"/> for the segments' sizes,
/// <see cref="CubeShare"/> for the cube when it is released, and the rest split evenly over the coarse tables. Every
/// table sums the same clipped contributions (a person adds to at most K fine cells, each by at most c), so the L1
/// sensitivity of any table is K·c; a coarse table may get all K cells of a person in one cell, so its L2 bound is K·c
/// too (<see cref="PrivacyPlan.ForCells"/>). The shares of <see cref="Measures"/> add up to the report's epsilon.</para>
/// </summary>
public sealed record PrivateRelease(IReadOnlyList<ReleasedTable> Tables, IReadOnlyList<PrivacyMeasure> Measures, bool CubeReleased, string Reason,
    IReadOnlyDictionary<string, double> People)
{
    public const double TotalShare = 0.02;
    public const double PeopleShare = 0.08;
    public const double CubeShare = 0.45;
    public const double MinSignalToNoise = 2;

    /// <summary>The coarse tables every private report releases, by name and the axes each keeps.</summary>
    public static readonly IReadOnlyList<(string Name, string[] Axes)> CoarseTables =
    [
        ("topic×segment", ["topic", "segment"]),
        ("channel×hour×segment", ["channel", "hour", "segment"]),
        ("format×segment", ["format", "segment"]),
    ];

    public static PrivateRelease Make(IReadOnlyDictionary<CellKey, CellTally> cells, IReadOnlyDictionary<string, long> peoplePerSegment,
        ReportRequest request, NoiseSource noise, int maxCells)
    {
        var epsilon = request.Epsilon ?? throw new ArgumentException("a private release needs an epsilon", nameof(request));
        var (mechanism, delta, bounds) = (request.Mechanism, request.DeltaSpent, request.Bounds);
        var impressionBound = (double)bounds.MaxCellsPerPerson * bounds.MaxImpressionsPerCell;
        var total = PrivacyPlan.Single("total: impressions", $"≤ {bounds.MaxImpressionsPerCell} impressions in each of ≤ {bounds.MaxCellsPerPerson} cells",
            TotalShare * epsilon, impressionBound, mechanism, TotalShare * delta);
        var noisyTotal = cells.Where(c => c.Key != CellKey.Folded).Sum(c => c.Value.Impressions) + PrivacyPlan.Draw(noise, mechanism, total.Scale);
        var people = PrivacyPlan.Single("segments: people", "each person is in one segment", PeopleShare * epsilon, 1, mechanism, PeopleShare * delta);
        var (cubeReleased, reason) = ChooseCube(cells.Keys, noisyTotal, epsilon, request, maxCells);
        var coarseShare = (1 - TotalShare - PeopleShare - (cubeReleased ? CubeShare : 0)) / CoarseTables.Count;
        var tables = new List<ReleasedTable>();
        if (cubeReleased)
        {
            var plan = PrivacyPlan.ForCells(CubeShare * epsilon, mechanism, CubeShare * delta, bounds, concentrated: false);
            tables.Add(new ReleasedTable(ReleasedTable.Cube, CellKey.Axes, CubeNoise.Apply(cells, plan, noise, maxCells), plan));
        }
        foreach (var (name, axes) in CoarseTables)
        {
            var plan = PrivacyPlan.ForCells(coarseShare * epsilon, mechanism, coarseShare * delta, bounds, concentrated: true);
            tables.Add(new ReleasedTable(name, axes, CubeNoise.Apply(ReleasedTable.Aggregate(cells, axes), plan, noise, maxCells), plan));
        }
        var noisyPeople = cells.Keys.Where(k => k != CellKey.Folded).Select(k => k.Segment).Distinct(StringComparer.Ordinal)
            .ToDictionary(s => s, s => peoplePerSegment.GetValueOrDefault(s) + PrivacyPlan.Draw(noise, mechanism, people.Scale), StringComparer.Ordinal);
        var measures = new List<PrivacyMeasure> { total, people };
        measures.AddRange(tables.SelectMany(t => t.Plan!.Measures.Select(m => m with { Name = $"{t.Name}: {m.Name}" })));
        return new PrivateRelease(tables, measures, cubeReleased, reason, noisyPeople);
    }

    /// <summary>Whether the full cube is worth its share: the average cell's noisy impressions against one cell's noise.</summary>
    private static (bool, string) ChooseCube(IEnumerable<CellKey> keys, double noisyTotal, double epsilon, ReportRequest request, int maxCells)
    {
        var domain = DomainSize(keys);
        if (domain > maxCells) return (false, $"the full cube's domain ({domain} cells) exceeds maxCells {maxCells}: coarse tables only");
        var plan = PrivacyPlan.ForCells(CubeShare * epsilon, request.Mechanism, CubeShare * request.DeltaSpent, request.Bounds, concentrated: false);
        var perCell = Math.Max(0, noisyTotal) / Math.Max(1, domain);
        var cellNoise = Math.Sqrt(plan["impressions"].Variance);
        return perCell >= MinSignalToNoise * cellNoise
            ? (true, $"full cube released too: about {perCell:0} impressions per cell over {domain} cells against noise of ±{cellNoise:0} per cell")
            : (false, $"coarse tables only: about {perCell:0} impressions per cell over the full cube's {domain} cells would carry noise of ±{cellNoise:0} per cell " +
                      $"(it is released when the average cell has at least {MinSignalToNoise} times its noise)");
    }

    private static long DomainSize(IEnumerable<CellKey> keys)
    {
        var list = keys.Where(k => k != CellKey.Folded).ToList();
        return CellKey.Axes.Aggregate(1L, (size, axis) => size * list.Select(k => k.Value(axis)).Distinct(StringComparer.Ordinal).Count());
    }
}
