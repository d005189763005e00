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
/// <see cref="CubeShare"/> for the cube when it is released, and the rest over the coarse tables by their weights. Each
/// table is counted with the contribution clip applied to its own cells (<see cref="PerformanceCube"/> with axes): a
/// person adds to at most K of its cells, each by at most c, so every table has the same sensitivities (L1 = K·c,
/// L2 = √K·c). The shares of <see cref="Measures"/> add up to the report's epsilon (and, Gaussian, the deltas to delta).</para>
/// </summary>
public sealed record PrivateRelease(IReadOnlyList<ReleasedTable> Tables, IReadOnlyList<PrivacyMeasure> Measures, bool CubeReleased, string Reason,
    IReadOnlyDictionary<string, double> People)
{
    public const double TotalShare = 0.02;
    public const double PeopleShare = 0.08;
    public const double CubeShare = 0.45;
    public const double MinSignalToNoise = 2;

    /// <summary>
    /// The coarse tables every private report releases: name, the axes each keeps, and its weight in the coarse tables'
    /// share. Topic × segment (what wins for whom, judged on CTR against the rest of the segment: 19 noisy cells summed)
    /// needs the most; the busiest hour per channel and segment is read from large counts and needs less; formats least.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, string[] Axes, double Weight)> CoarseTables =
    [
        ("topic×segment", ["topic", "segment"], 0.5),
        ("channel×hour×segment", ["channel", "hour", "segment"], 0.3),
        ("format×segment", ["format", "segment"], 0.2),
    ];

    /// <param name="cells">The full cube, clipped at its cells.</param>
    /// <param name="coarse">Each of <see cref="CoarseTables"/> by name, clipped at its own cells.</param>
    public static PrivateRelease Make(IReadOnlyDictionary<CellKey, CellTally> cells, IReadOnlyDictionary<string, IReadOnlyDictionary<CellKey, CellTally>> coarse,
        IReadOnlyDictionary<string, long> peoplePerSegment, ReportRequest request, NoiseSource noise, int maxCells)
    {
        var epsilon = request.Epsilon ?? throw new ArgumentException("a private release needs an epsilon", nameof(request));
        var (mechanism, delta, bounds) = (request.Mechanism, request.DeltaSpent, request.Bounds);
        var impressionBound = (double)bounds.MaxCellsPerPerson * bounds.MaxImpressionsPerCell;
        var total = PrivacyPlan.Single("total: impressions", $"≤ {bounds.MaxImpressionsPerCell} impressions in each of ≤ {bounds.MaxCellsPerPerson} cells",
            TotalShare * epsilon, impressionBound, mechanism, TotalShare * delta);
        var noisyTotal = cells.Where(c => c.Key != CellKey.Folded).Sum(c => c.Value.Impressions) + PrivacyPlan.Draw(noise, mechanism, total.Scale);
        var people = PrivacyPlan.Single("segments: people", "each person is in one segment", PeopleShare * epsilon, 1, mechanism, PeopleShare * delta);
        var (cubeReleased, reason) = ChooseCube(cells.Keys, noisyTotal, epsilon, request, maxCells);
        var coarseShare = 1 - TotalShare - PeopleShare - (cubeReleased ? CubeShare : 0);
        var tables = new List<ReleasedTable>();
        if (cubeReleased)
        {
            var plan = PrivacyPlan.ForCells(CubeShare * epsilon, mechanism, CubeShare * delta, bounds);
            tables.Add(new ReleasedTable(ReleasedTable.Cube, CellKey.Axes, CubeNoise.Apply(cells, plan, noise, maxCells), plan));
        }
        foreach (var (name, axes, weight) in CoarseTables)
        {
            var share = coarseShare * weight;
            var plan = PrivacyPlan.ForCells(share * epsilon, mechanism, share * delta, bounds);
            var counted = coarse.TryGetValue(name, out var c) ? c : throw new ArgumentException($"the coarse table {name} was not counted", nameof(coarse));
            tables.Add(new ReleasedTable(name, axes, CubeNoise.Apply(counted, plan, noise, maxCells), plan));
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
        var plan = PrivacyPlan.ForCells(CubeShare * epsilon, request.Mechanism, CubeShare * request.DeltaSpent, request.Bounds);
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
