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
