namespace ContentGrains.Cli.Import;

/// <summary>Counts of one kind of record (events, items or users) over the whole import.</summary>
public sealed class ImportTally
{
    public long Read;          // records read from the files, good or bad
    public long Sent;          // records handed to the target
    public long Accepted;      // accepted (events) or stored (items, users)
    public long Duplicates;    // events whose id the target already held
    public long Rejected;      // unreadable lines plus records the target refused
    public long UnknownItems;  // accepted events about items without metadata
}

/// <summary>Rejects grouped by kind, field and reason, each group with its count and first few lines.</summary>
public sealed class RejectLog
{
    public const int ExamplesPerGroup = 3;

    public sealed record Group(string Kind, string Field, string Reason)
    {
        public long Count { get; set; }
        public List<SourceLine> Examples { get; } = [];
    }

    private readonly Dictionary<(string, string, string), Group> groups = new();

    public void Add(string kind, SourceLine source, string field, string reason)
    {
        if (!groups.TryGetValue((kind, field, reason), out var group)) groups[(kind, field, reason)] = group = new Group(kind, field, reason);
        group.Count++;
        if (group.Examples.Count < ExamplesPerGroup) group.Examples.Add(source);
    }

    /// <summary>Largest groups first.</summary>
    public IReadOnlyList<Group> Groups => groups.Values.OrderByDescending(g => g.Count).ThenBy(g => g.Kind).ThenBy(g => g.Field, StringComparer.Ordinal).ToList();
}

/// <summary>What an import did; printed at the end and decides the exit code.</summary>
public sealed class ImportSummary
{
    public ImportTally Events { get; } = new();
    public ImportTally Items { get; } = new();
    public ImportTally Users { get; } = new();
    public RejectLog Rejects { get; } = new();
    public List<string> Notes { get; } = [];
    public TimeSpan Elapsed { get; set; }

    /// <summary>True when the target took (or already held) at least one record.</summary>
    public bool ImportedAnything =>
        Events.Accepted + Events.Duplicates + Items.Accepted + Users.Accepted > 0;

    public void WriteTo(TextWriter output)
    {
        var seconds = Math.Max(Elapsed.TotalSeconds, 1e-3);
        output.WriteLine($"events: {Events.Read} read, {Events.Sent} sent, {Events.Accepted} accepted, {Events.Duplicates} duplicates, " +
                         $"{Events.Rejected} rejected, {Events.UnknownItems} about items without metadata");
        output.WriteLine($"items:  {Items.Read} read, {Items.Sent} sent, {Items.Accepted} stored, {Items.Rejected} rejected");
        if (Users.Read > 0)
            output.WriteLine($"users:  {Users.Read} read, {Users.Sent} sent, {Users.Accepted} stored, {Users.Rejected} rejected");
        foreach (var note in Notes) output.WriteLine($"note: {note}");
        var groups = Rejects.Groups;
        if (groups.Count > 0)
        {
            output.WriteLine("rejects by field and reason:");
            foreach (var g in groups)
                output.WriteLine($"  {g.Count,8}  {g.Kind} {g.Field} {g.Reason}  (e.g. {string.Join(", ", g.Examples)})");
        }
        output.WriteLine($"took {Elapsed.TotalSeconds:F1} s ({Events.Sent / seconds:F0} events/s)");
    }
}
