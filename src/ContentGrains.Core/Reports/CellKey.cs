using System.Globalization;

namespace ContentGrains.Core.Reports;

/// <summary>
/// One cell of the content-performance cube: the item's topic and format, the channel, the UTC hour of day and the
/// person's segment. A fact that is not known (no format, no segment yet) is <see cref="Unknown"/>, so every event has
/// exactly one cell.
/// </summary>
public readonly record struct CellKey(string Topic, string Format, string Channel, int Hour, string Segment)
{
    public const string Unknown = "(none)";
    public const string Other = "(other)";

    /// <summary>The value of an axis a coarse table sums over (<see cref="Coarsen"/>): every value at once.</summary>
    public const string All = "(all)";

    /// <summary>The hour of a table that sums over the hour of day.</summary>
    public const int AllHours = -2;

    /// <summary>The axes of the cube, in the order a cell names them.</summary>
    public static readonly IReadOnlyList<string> Axes = ["topic", "format", "channel", "hour", "segment"];

    /// <summary>The folded cell: every event of a cell first seen after the cube's bound.</summary>
    public static CellKey Folded { get; } = new(Other, Other, Other, -1, Other);

    /// <summary>The cell's value on <paramref name="axis"/> (hours as "19:00").</summary>
    public string Value(string axis) => axis switch
    {
        "topic" => Topic,
        "format" => Format,
        "channel" => Channel,
        "hour" => HourName(Hour),
        "segment" => Segment,
        _ => throw new ArgumentOutOfRangeException(nameof(axis), axis, $"must be one of {string.Join(", ", Axes)}"),
    };

    public static string HourName(int hour) => hour == AllHours ? All : hour < 0 ? Other : hour.ToString("00", CultureInfo.InvariantCulture) + ":00";

    /// <summary>This cell in a coarser table that keeps only <paramref name="axes"/>: every other axis becomes <see cref="All"/>.</summary>
    public CellKey Coarsen(IReadOnlyCollection<string> axes) => new(
        axes.Contains("topic") ? Topic : All, axes.Contains("format") ? Format : All, axes.Contains("channel") ? Channel : All,
        axes.Contains("hour") ? Hour : AllHours, axes.Contains("segment") ? Segment : All);
}
