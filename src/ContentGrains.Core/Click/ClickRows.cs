namespace ContentGrains.Core.Click;

/// <summary>Helpers over sets of <see cref="ClickImpression"/>: all their rows stacked, and the split by day.</summary>
public static class ClickRows
{
    /// <summary>Every candidate row of the impressions, in order, with its label.</summary>
    public static (float[] Rows, float[] Labels) Stack(IReadOnlyList<ClickImpression> impressions)
    {
        var rows = new float[impressions.Sum(i => i.Rows.Length)];
        var labels = new float[impressions.Sum(i => i.Labels.Length)];
        int rowAt = 0, labelAt = 0;
        foreach (var impression in impressions)
        {
            impression.Rows.CopyTo(rows, rowAt);
            impression.Labels.CopyTo(labels, labelAt);
            rowAt += impression.Rows.Length;
            labelAt += impression.Labels.Length;
        }
        return (rows, labels);
    }

    /// <summary>
    /// The impressions as the live feed scores them: every row at <see cref="ClickRowBuilder.ScoringSlot"/>. A logged row
    /// carries the slot its item was shown at, and the slot says much about a click (on the simulator slot 0 is clicked
    /// about ten times as often as slot 9), but the feed ranks before any slot is known. Judged on the logged slots, a
    /// model that learned position ranks a shown feed by the order it was shown in, and looks better than it ranks live.
    /// </summary>
    public static List<ClickImpression> AtScoringSlot(IReadOnlyList<ClickImpression> impressions)
    {
        var width = ClickFeatures.Count;
        var result = new List<ClickImpression>(impressions.Count);
        foreach (var impression in impressions)
        {
            var rows = (float[])impression.Rows.Clone();
            for (var at = 0; at < rows.Length; at += width)
                ClickFeatures.WriteSlot(rows.AsSpan(at, width), ClickRowBuilder.ScoringSlot);
            result.Add(impression with { Rows = rows });
        }
        return result;
    }

    /// <summary>The impressions of every day before the last day, and those of the last day (UTC).</summary>
    public static (List<ClickImpression> Before, List<ClickImpression> LastDay) SplitLastDay(IReadOnlyList<ClickImpression> impressions)
    {
        if (impressions.Count == 0) throw new ArgumentException("no impressions to split", nameof(impressions));
        var lastDay = impressions.Max(i => i.Day);
        var before = impressions.Where(i => i.Day < lastDay).ToList();
        if (before.Count == 0)
            throw new ArgumentException($"every impression is on {lastDay:yyyy-MM-dd}: training needs days before the last one", nameof(impressions));
        return (before, impressions.Where(i => i.Day == lastDay).ToList());
    }
}
