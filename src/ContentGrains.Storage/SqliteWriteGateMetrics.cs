using System.Diagnostics.Metrics;

namespace ContentGrains.Storage;

/// <summary>
/// The SQLite write gate's own meter (exported on GET /metrics beside the engine's): per writer ("log", "snapshot",
/// "other") the entries, the seconds spent waiting for the gate and the seconds holding it. The rate of the held
/// seconds is the gate's busy share (1.0: every second taken, writes queue); the wait per entry is what a writer paid
/// for the others. Measured to find what slows a large import (snapshot writes against log appends).
/// </summary>
public static class SqliteWriteGateMetrics
{
    public const string MeterName = "ContentGrains.Storage";
    public const string EntriesName = "contentgrains_sqlite_gate_entries_total";
    public const string WaitName = "contentgrains_sqlite_gate_wait_seconds_total";
    public const string HeldName = "contentgrains_sqlite_gate_held_seconds_total";

    public const string LogWriter = "log";
    public const string SnapshotWriter = "snapshot";
    public const string OtherWriter = "other";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Entries = Meter.CreateCounter<long>(EntriesName, description: "Entries into the SQLite write gate, by writer");
    private static readonly Counter<double> Wait = Meter.CreateCounter<double>(WaitName, description: "Seconds spent waiting for the SQLite write gate, by writer");
    private static readonly Counter<double> HeldFor = Meter.CreateCounter<double>(HeldName, description: "Seconds the SQLite write gate was held, by writer");

    internal static void Waited(string writer, TimeSpan waited)
    {
        var tag = new KeyValuePair<string, object?>("writer", writer);
        Entries.Add(1, tag);
        Wait.Add(waited.TotalSeconds, tag);
    }

    internal static void Held(string writer, TimeSpan held) => HeldFor.Add(held.TotalSeconds, new KeyValuePair<string, object?>("writer", writer));
}
