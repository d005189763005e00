namespace ContentGrains.Core.Reports;

/// <summary>What one person added to a cell so far (for the contribution clip).</summary>
public readonly record struct CellUse(int Cell, int Impressions, int Clicks, int Dwells);

/// <summary>
/// One person in a <see cref="PerformanceCube"/>: the cells they added to (at most the bound) with their counts, the cell
/// and day of their first event (their retention cohort) and a 64-day mask of the days they were active after it.
/// </summary>
public sealed class PersonCells(int firstDay, int firstCell, string segment)
{
    private const int MaskDays = 64;
    private ulong mask = 1;

    public int FirstDay { get; private set; } = firstDay;
    public int FirstCell { get; private set; } = firstCell;
    public string Segment { get; } = segment;
    public List<CellUse> Used { get; } = new(2);

    /// <summary>Marks the day active; an event earlier than the first moves the cohort there.</summary>
    public void Seen(int day, int cell)
    {
        if (day >= FirstDay)
        {
            if (day - FirstDay < MaskDays) mask |= 1UL << (day - FirstDay);
            return;
        }
        var shift = FirstDay - day;
        mask = (shift < MaskDays ? mask << shift : 0) | 1;
        (FirstDay, FirstCell) = (day, cell);
    }

    public long ActiveOn(int offset) => (long)((mask >> offset) & 1);

    /// <summary>The slot of <paramref name="cell"/> in <see cref="Used"/>, opening one while under the bound; null past it.</summary>
    public int? Slot(int cell, int maxCells)
    {
        for (var i = 0; i < Used.Count; i++) if (Used[i].Cell == cell) return i;
        if (Used.Count >= maxCells) return null;
        Used.Add(new CellUse(cell, 0, 0, 0));
        return Used.Count - 1;
    }
}
