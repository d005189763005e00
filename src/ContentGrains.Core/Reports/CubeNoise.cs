namespace ContentGrains.Core.Reports;

/// <summary>
/// Noises a cube for release. Noise goes on every cell of the full domain (every combination of the axis values seen),
/// not only on the cells that have events: publishing only the occupied cells would itself tell that someone was
/// there. The axis values (topic names, formats, channels, hours, segment numbers) are treated as public. Each sum
/// gets its own independent draw at its measure's scale (<see cref="PrivacyPlan"/>).
/// </summary>
public static class CubeNoise
{
    public static IReadOnlyDictionary<CellKey, CellTally> Apply(IReadOnlyDictionary<CellKey, CellTally> cells, PrivacyPlan plan, NoiseSource noise, int maxCells)
    {
        var domain = Domain(cells.Keys, maxCells);
        return domain.ToDictionary(key => key, key => Noisy(cells.GetValueOrDefault(key) ?? new CellTally { Cells = 1 }, plan, noise));
    }

    /// <summary>Every combination of the axis values of <paramref name="keys"/>; throws when there are more than maxCells.</summary>
    public static IReadOnlyList<CellKey> Domain(IEnumerable<CellKey> keys, int maxCells)
    {
        var list = keys.Where(k => k != CellKey.Folded).ToList();
        var topics = list.Select(k => k.Topic).Distinct().Order(StringComparer.Ordinal).ToList();
        var formats = list.Select(k => k.Format).Distinct().Order(StringComparer.Ordinal).ToList();
        var channels = list.Select(k => k.Channel).Distinct().Order(StringComparer.Ordinal).ToList();
        var hours = list.Select(k => k.Hour).Distinct().Order().ToList();
        var segments = list.Select(k => k.Segment).Distinct().Order(StringComparer.Ordinal).ToList();
        var size = (long)topics.Count * formats.Count * channels.Count * hours.Count * segments.Count;
        if (size > maxCells)
            throw new InvalidOperationException($"a private report noises every cell of its domain: {size} cells " +
                $"({topics.Count} topics × {formats.Count} formats × {channels.Count} channels × {hours.Count} hours × {segments.Count} segments) exceed maxCells {maxCells}");
        return [.. from t in topics from f in formats from c in channels from h in hours from s in segments select new CellKey(t, f, c, h, s)];
    }

    public static CellTally Noisy(CellTally t, PrivacyPlan plan, NoiseSource noise) => new()
    {
        Cells = 1,
        Impressions = t.Impressions + plan.Draw(noise, "impressions"),
        Clicks = t.Clicks + plan.Draw(noise, "clicks"),
        DwellCount = t.DwellCount + plan.Draw(noise, "dwellCount"),
        DwellSum = t.DwellSum + plan.Draw(noise, "dwellSum"),
        DwellSquares = t.DwellSquares + plan.Draw(noise, "dwellSquares"),
        Cohort1 = t.Cohort1 + plan.Draw(noise, "cohort1"),
        Retained1 = t.Retained1 + plan.Draw(noise, "retained1"),
        Cohort7 = t.Cohort7 + plan.Draw(noise, "cohort7"),
        Retained7 = t.Retained7 + plan.Draw(noise, "retained7"),
    };
}
