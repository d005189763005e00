using System.Globalization;
using ContentGrains.Core.Events;

namespace ContentGrains.Core.Kpis;

/// <summary>
/// One way to break KPIs down: a name ("channel", "tag"…) and the keys an event counts under (none, one, or several,
/// as an item has several tags). Facts the event does not carry (an item's tags or format, a person's segment or
/// experiment arms) come through lookups, so a new breakdown such as "topic" is one more dimension with its lookup.
/// </summary>
public sealed class KpiDimension(string name, Func<Interaction, IEnumerable<string>> keys)
{
    public string Name { get; } = name;

    public IEnumerable<string> KeysOf(Interaction e) => keys(e);

    public static KpiDimension Item { get; } = new("item", e => [e.ItemId]);

    public static KpiDimension Channel { get; } = new("channel", e => [e.Channel]);

    /// <summary>The UTC day of the event (yyyy-MM-dd): KPIs over time.</summary>
    public static KpiDimension Day { get; } = new("day", e => [DayKey(e.Timestamp)]);

    /// <summary>Labels of the event's item (tags, topics, format): counted once under each label.</summary>
    public static KpiDimension ItemLabels(string name, Func<string, IEnumerable<string>?> labelsOf) =>
        new(name, e => labelsOf(e.ItemId) ?? []);

    /// <summary>Labels of the event's person (segment, experiment arms as "experiment:arm").</summary>
    public static KpiDimension PersonLabels(string name, Func<string, IEnumerable<string>?> labelsOf) =>
        new(name, e => labelsOf(e.UserId) ?? []);

    public static string DayKey(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
