using ContentGrains.Core.Click;

namespace ContentGrains.Testing;

/// <summary>Click data with a known signal, for the click model's trainers (the MLP's and the trees').</summary>
public static class SyntheticClicks
{
    /// <summary>
    /// Impressions of ten candidates whose clicks follow one signal: a candidate with tag match q is clicked with
    /// probability q² (so mostly the well-matched ones), the other features being noise (slot, hour).
    /// </summary>
    public static List<ClickImpression> Impressions(int count, int seed)
    {
        var random = new Random(seed);
        var impressions = new List<ClickImpression>();
        for (var i = 0; i < count; i++)
        {
            var rows = new float[10 * ClickFeatures.Count];
            var labels = new float[10];
            for (var c = 0; c < 10; c++)
            {
                var match = random.NextSingle();
                ClickFeatures.Write(new ClickSignals { TagMatch = match, Slot = c, HourOfDay = random.Next(24) }, rows.AsSpan(c * ClickFeatures.Count, ClickFeatures.Count));
                labels[c] = random.NextSingle() < match * match ? 1 : 0;
            }
            impressions.Add(new ClickImpression(i.ToString(), DateTimeOffset.UnixEpoch.AddMinutes(i), rows, labels));
        }
        return impressions;
    }
}
