using ContentGrains.Core.Events;

namespace ContentGrains.Core.Experiments;

/// <summary>What each matching event adds to a person's total: one (a count), or the seconds of dwell it carries.</summary>
public enum EventMetricValue { Count, DwellSeconds }

/// <summary>
/// A metric the engine measures from the event log instead of from posted outcomes. An event matches when its type is
/// listed, or when it carries at least <see cref="MinDwellSeconds"/> of dwell (a "long dwell"). Examples: clicks =
/// {click} counted (kind mean); engaged = {click, like, share} or a dwell ≥ 30 s (kind proportion: anyone with one);
/// dwell = the dwell seconds of {dwell} events (kind mean: seconds per exposed person). Stored in the experiment's
/// snapshot, so the property names are part of the stored format.
/// </summary>
public sealed record EventMetric(IReadOnlyList<EventType> Types, double? MinDwellSeconds = null, EventMetricValue Value = EventMetricValue.Count)
{
    /// <summary>The most event types a metric may list (there are nine).</summary>
    public const int MaxTypes = 9;

    public bool Matches(Interaction e) => Types.Contains(e.Type) || (MinDwellSeconds is { } min && e.DwellSeconds >= min);

    /// <summary>What the event adds to its person's total when it <see cref="Matches"/>.</summary>
    public double ValueOf(Interaction e) => Value == EventMetricValue.Count ? 1 : e.DwellSeconds;

    /// <summary>Every problem, each naming the field (under <paramref name="field"/>) and the reason.</summary>
    public IEnumerable<(string Field, string Reason)> Problems(string field)
    {
        if ((Types?.Count ?? 0) == 0 && MinDwellSeconds is null)
            yield return ($"{field}.types", "must list at least one event type (or set minDwellSeconds)");
        if (Types is { Count: > MaxTypes }) yield return ($"{field}.types", $"must list at most {MaxTypes} event types");
        if (MinDwellSeconds is { } min && !(min > 0 && double.IsFinite(min)))
            yield return ($"{field}.minDwellSeconds", "must be a positive number of seconds");
    }
}
