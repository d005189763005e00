namespace ContentGrains.Core.Segments;

/// <summary>
/// What a person's segment is built from, as named blocks of non-negative weights: <see cref="Tags"/> (their topic
/// interests), <see cref="Formats"/>, <see cref="Channels"/> and <see cref="Hours"/> (hour of day "0".."23", UTC). A block
/// may be empty. <see cref="PersonSignalsBuilder"/> makes these, live from a profile or offline from the log, so a new
/// kind of interest (topics) is one more block added there.
/// </summary>
public sealed record PersonSignals(IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Blocks)
{
    public const string Tags = "tags", Formats = "formats", Channels = "channels", Hours = "hours";

    public IReadOnlyDictionary<string, double> Block(string name) =>
        Blocks.TryGetValue(name, out var block) ? block : Empty;

    /// <summary>True when the person engaged with nothing yet: no block holds a positive weight.</summary>
    public bool IsEmpty => Blocks.Values.All(block => block.Values.All(v => v <= 0));

    private static readonly IReadOnlyDictionary<string, double> Empty = new Dictionary<string, double>(StringComparer.Ordinal);
}
