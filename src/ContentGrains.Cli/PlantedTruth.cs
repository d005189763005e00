using ContentGrains.Core.Events;
using ContentGrains.Core.Kpis;
using ContentGrains.Core.Traffic;

namespace ContentGrains.Cli;

/// <summary>How well the flags found the planted bots, and how far the KPIs are from the humans' own, with and without
/// filtering (CTR error: absolute difference of the CTR values).</summary>
public sealed record FlagScore(
    int Planted, int Flagged, int TruePositives, double Precision, double Recall,
    IReadOnlyDictionary<string, string> RecallByKind, KpiRow Humans, double? CtrErrorFiltered, double? CtrErrorUnfiltered);

/// <summary>The planted bots of a simulated data set: <c>bots.tsv</c> as <c>simulate bulk --bots</c> writes it (person id, script).</summary>
public sealed record PlantedTruth(IReadOnlyDictionary<string, string> KindById)
{
    public static PlantedTruth Read(string path) => new(File.ReadLines(path).Skip(1)
        .Select(line => line.Split('\t'))
        .Where(cells => cells.Length >= 2)
        .ToDictionary(cells => cells[0], cells => cells[1], StringComparer.Ordinal));

    public FlagScore Score(IReadOnlyList<Interaction> events, IReadOnlyDictionary<string, TrafficFlag> flags, KpiRow filtered, KpiRow unfiltered, double confidence)
    {
        var humans = new KpiAccumulator([]);
        foreach (var e in events)
            if (!KindById.ContainsKey(e.UserId)) humans.Add(e);
        var truePositives = flags.Keys.Count(KindById.ContainsKey);
        var byKind = KindById.GroupBy(kv => kv.Value).ToDictionary(g => g.Key, g => $"{g.Count(kv => flags.ContainsKey(kv.Key))}/{g.Count()}");
        var human = KpiRow.Of("humans", humans.Overall, confidence);
        return new FlagScore(KindById.Count, flags.Count, truePositives,
            flags.Count == 0 ? 1 : (double)truePositives / flags.Count, KindById.Count == 0 ? 1 : (double)truePositives / KindById.Count,
            byKind, human, Error(filtered, human), Error(unfiltered, human));
    }

    private static double? Error(KpiRow row, KpiRow truth) =>
        row.Ctr is { } ctr && truth.Ctr is { } t ? Math.Round(Math.Abs(ctr.Value - t.Value), 6) : null;
}
