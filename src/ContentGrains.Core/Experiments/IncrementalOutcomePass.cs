using ContentGrains.Core.Log;
using ContentGrains.Core.Traffic;

namespace ContentGrains.Core.Experiments;

/// <summary>
/// Measures an experiment's log metrics incrementally: each pass reads only the tenant's events after the log position
/// the previous pass reached (its <see cref="Cursor"/>, a log sequence, paged as the KPI and training jobs page the log),
/// keeping <see cref="LogOutcomeMeasure"/>'s per-person tallies and traffic detector between passes. It answers exactly
/// what a fresh full pass over the whole log would answer, because every part of the measure is either a per-person sum
/// (order-free) or the detector's per-person state, fed each person's events in log order:
/// <list type="bullet">
/// <item>A person exposed after the last pass has history the tail will never show again: events before their exposure
/// (the covariate, and the events counted before exposure), events the client sent before the exposure was logged, and
/// what the traffic rules judge them on. The pass reads that history through the log's per-person index
/// (<see cref="IEventLog.ReadUserAsync"/>: one indexed read per newly exposed person, not a scan) up to the cursor; the
/// tail brings the rest.</item>
/// <item>A person flagged after their events were counted drops out at the next read, whole: the measure keeps per-person
/// tallies, not per-arm sums, and leaves the flagged out only when it forms the analysis.</item>
/// <item>Commits that land out of sequence order (PostgreSQL with several silos: a silo's batch takes its sequences, another
/// silo's later batch commits first) would slip under a bare cursor. The pass re-reads the last
/// <see cref="LateCommitWindow"/> sequences below the cursor each time and skips the ones it already applied (it keeps
/// their sequences): a commit overtaken by fewer later sequences than that is counted once, at the next pass. One that
/// lands further behind is missed until the measure is rebuilt (docs/content-strategy.md, "Results read incrementally", Limits). The embedded SQLite log commits in
/// sequence order, so there nothing is late.</item>
/// </list>
/// What would change the meaning of the tallies starts the pass afresh (a full pass): a stop (events after it stop
/// counting), other traffic rules or counters (<see cref="LogOutcomeMeasure"/>'s fingerprint), and a tracked person whose
/// first exposure differs from the ledger's or who left it (a ledger snapshot lost in a crash).
/// Memory and stored size: the measure (per exposed person, see <see cref="LogOutcomeMeasure"/>) plus the applied sequences
/// in the re-read window (at most <see cref="LateCommitWindow"/>, 1-3 bytes each when stored).
/// </summary>
public sealed class IncrementalOutcomePass
{
    /// <summary>
    /// Sequences below the cursor read again each pass. A PostgreSQL group commit holds at most 20,000 events and each silo
    /// has one in flight, so a late commit is usually overtaken by a few of them; this covers one full commit per pass.
    /// </summary>
    public const long DefaultLateCommitWindow = 20_000;

    private const int FormatVersion = 1;
    private readonly List<long> applied = []; // ascending: the tenant's sequences applied in (Cursor − window, Cursor]

    private IncrementalOutcomePass(LogOutcomeMeasure measure, long lateCommitWindow) => (Measure, LateCommitWindow) = (measure, lateCommitWindow);

    public LogOutcomeMeasure Measure { get; }
    public long LateCommitWindow { get; }

    /// <summary>The highest log sequence applied: the next pass reads after it (less the re-read window).</summary>
    public long Cursor { get; private set; }

    /// <summary>The applied sequences kept for the re-read window (bounded by <see cref="LateCommitWindow"/>).</summary>
    public int AppliedInWindow => applied.Count;

    /// <summary>
    /// The pass to go on with: the stored one when it was written for this measure and matches the exposure log, else a
    /// fresh one (its first pass reads the whole log). <paramref name="fresh"/> says which.
    /// </summary>
    public static IncrementalOutcomePass Resume(byte[]? stored, ExperimentDesign design, IReadOnlyDictionary<string, Participant> exposed,
        DateTimeOffset? stoppedAt, TrafficOptions traffic, out bool fresh, long lateCommitWindow = DefaultLateCommitWindow)
    {
        if (stored is not null && TryRead(stored, design, stoppedAt, traffic, lateCommitWindow) is { } pass
            && pass.Measure.Tracked.All(t => exposed.TryGetValue(t.Person, out var p) && p.FirstExposure == t.FirstExposure))
        {
            fresh = false;
            return pass;
        }
        fresh = true;
        return new IncrementalOutcomePass(new LogOutcomeMeasure(design, stoppedAt, traffic), lateCommitWindow);
    }

    /// <summary>
    /// Brings the measure up to the log's end: tracks the persons exposed since the last pass (reading their history up to
    /// the cursor), then reads the tail. <paramref name="tenantLog"/> holds the experiment's tenant's rows only.
    /// </summary>
    public async Task<PassStats> RunAsync(IEventLog tenantLog, int pageEvents, IReadOnlyDictionary<string, Participant> exposed, CancellationToken cancellation = default)
    {
        var low = Math.Max(0, Cursor - LateCommitWindow);
        var (added, history) = await TrackNewAsync(tenantLog, exposed, low, cancellation).ConfigureAwait(false);
        long read = 0, taken = 0;
        await foreach (var logged in LogPages.ReadAfterAsync(tenantLog, low, pageEvents, cancellation).ConfigureAwait(false))
        {
            read++;
            if (logged.Sequence <= Cursor && IsApplied(logged.Sequence)) continue;
            Measure.Observe(logged.Event);
            MarkApplied(logged.Sequence);
            taken++;
        }
        var trimBelow = applied.BinarySearch(Cursor - LateCommitWindow + 1);
        applied.RemoveRange(0, trimBelow >= 0 ? trimBelow : ~trimBelow);
        return new PassStats(read, taken, added, history);
    }

    private async Task<(int Added, long History)> TrackNewAsync(IEventLog log, IReadOnlyDictionary<string, Participant> exposed, long low, CancellationToken cancellation)
    {
        var newcomers = exposed.Where(p => !Measure.Tracks(p.Key, p.Value.FirstExposure)).ToList();
        if (Cursor == 0) // nothing read yet: the tail is the whole log, which brings everyone's history
        {
            foreach (var (person, participant) in newcomers) Measure.Track(person, participant.FirstExposure);
            return (newcomers.Count, 0);
        }
        long history = 0;
        foreach (var (person, participant) in newcomers)
        {
            Measure.Track(person, participant.FirstExposure);
            foreach (var logged in await log.ReadUserAsync(person, 0, cancellation).ConfigureAwait(false))
            {
                // Up to the cursor, what earlier passes read; above it (and the window's unread late commits) the tail brings.
                if (logged.Sequence > Cursor || (logged.Sequence > low && !IsApplied(logged.Sequence))) continue;
                Measure.ObserveHistory(logged.Event);
                history++;
            }
        }
        return (newcomers.Count, history);
    }

    private bool IsApplied(long sequence) => applied.BinarySearch(sequence) >= 0;

    private void MarkApplied(long sequence)
    {
        if (applied.Count == 0 || sequence > applied[^1]) applied.Add(sequence);
        else applied.Insert(~applied.BinarySearch(sequence), sequence);
        Cursor = Math.Max(Cursor, sequence);
    }

    /// <summary>The pass as bytes: the measure, the cursor and the window's applied sequences (ascending, as varint gaps).</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write(FormatVersion);
            w.Write(Cursor);
            w.Write(applied.Count);
            var previous = 0L;
            foreach (var sequence in applied) { w.Write7BitEncodedInt64(sequence - previous); previous = sequence; }
            Measure.Write(w);
        }
        return stream.ToArray();
    }

    private static IncrementalOutcomePass? TryRead(byte[] stored, ExperimentDesign design, DateTimeOffset? stoppedAt, TrafficOptions traffic, long window)
    {
        using var r = new BinaryReader(new MemoryStream(stored));
        if (r.ReadInt32() != FormatVersion) return null;
        var pass = new IncrementalOutcomePass(new LogOutcomeMeasure(design, stoppedAt, traffic), window) { Cursor = r.ReadInt64() };
        var previous = 0L;
        for (var n = r.ReadInt32(); n > 0; n--) pass.applied.Add(previous += r.Read7BitEncodedInt64());
        return pass.Measure.TryRead(r) ? pass : null;
    }
}

/// <summary>
/// What one pass did: events read from the log (the tail, the re-read window included), events taken into the measure
/// (new ones), persons tracked for the first time, and the events of their history read through the per-person index.
/// </summary>
public sealed record PassStats(long EventsRead, long EventsTaken, int PersonsAdded, long HistoryEvents);
