using System.Text.Json;
using ContentGrains.Core.Simulation;

namespace ContentGrains.Cli.Simulation;

/// <summary>
/// `simulate --impressions FILE`: one JSON line per shown slot with the oracle's click probability at the moment it was
/// shown and what happened, so a click model's scores can be set against the truth (its AUC against the oracle's).
/// Visits end in parallel, so lines are written under a lock and are in order within a visit only.
/// </summary>
public sealed class ImpressionLog(string path) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly StreamWriter writer = new(path);
    private readonly Lock gate = new();

    private sealed record Line(int Day, string UserId, int Feed, int Slot, string ItemId, DateTimeOffset ShownAt,
        double OracleProbability, bool Examined, bool Clicked, bool Liked, double DwellSeconds);

    public void Write(SimPerson person, int day, IReadOnlyList<FeedOutcome> feeds)
    {
        lock (gate)
        {
            foreach (var feed in feeds)
                foreach (var s in feed.Slots)
                    writer.WriteLine(JsonSerializer.Serialize(new Line(day, person.Id, feed.FeedNumber, s.Slot, s.ItemId, feed.ShownAt,
                        s.OracleProbability, s.Examined, s.Clicked, s.Liked, s.DwellSeconds), Json));
        }
    }

    public void Dispose() => writer.Dispose();
}
