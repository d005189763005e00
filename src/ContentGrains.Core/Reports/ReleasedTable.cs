namespace ContentGrains.Core.Reports;

/// <summary>
/// One table a report releases: its cells keep the listed <see cref="Axes"/> and sum over the others (those read
/// <see cref="CellKey.All"/>). An exact report releases the full cube, as counted; a private one releases noisy tables
/// (<see cref="PrivateRelease"/>), each with the plan its noise came from, so intervals widen by that table's own noise.
/// </summary>
public sealed record ReleasedTable(string Name, IReadOnlyList<string> Axes, IReadOnlyDictionary<CellKey, CellTally> Cells, PrivacyPlan? Plan)
{
    public const string Cube = "cube";

    /// <summary>Whether the table tells cells apart on every one of <paramref name="axes"/>.</summary>
    public bool Has(IEnumerable<string> axes) => axes.All(Axes.Contains);

    /// <summary>The table with the fewest axes that has all of <paramref name="axes"/> (its sums carry the least noise), or null.</summary>
    public static ReleasedTable? Coarsest(IEnumerable<ReleasedTable> tables, IReadOnlyCollection<string> axes) =>
        tables.Where(t => t.Has(axes)).OrderBy(t => t.Axes.Count).FirstOrDefault();
}
