namespace ContentGrains.Core.Sentiment;

/// <summary>
/// The engine's recent sentiment alerts, newest first, at most <paramref name="capacity"/>; a second alert for the same
/// series and window (<paramref name="identity"/>: a retried batch, two silos) is ignored. A plain list so that grain
/// storage can keep it, whatever shape the alerts travel in.
/// </summary>
public sealed class SentimentAlertLog<TAlert>(int capacity, Func<TAlert, (string Key, DateTimeOffset WindowStart)> identity, List<TAlert>? alerts = null)
{
    public List<TAlert> Alerts { get; } = alerts ?? [];

    /// <summary>Adds the alerts not seen before; returns them (in the order given), the ones to log and send.</summary>
    public List<TAlert> Add(IEnumerable<TAlert> raised)
    {
        var known = Alerts.Select(identity).ToHashSet();
        var fresh = raised.Where(a => known.Add(identity(a))).ToList();
        Alerts.InsertRange(0, Enumerable.Reverse(fresh));
        if (Alerts.Count > capacity) Alerts.RemoveRange(capacity, Alerts.Count - capacity);
        return fresh;
    }
}
