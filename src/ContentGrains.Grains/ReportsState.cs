using ContentGrains.Core.Reports;

namespace ContentGrains.Grains;

/// <summary>One report as the reports grain keeps it (a fixed type name: grain storage writes it with its type name).</summary>
public sealed class ReportRecord
{
    public string Id { get; set; } = "";
    public long Number { get; set; }
    public string Status { get; set; } = ReportStatus.Running;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public double? Epsilon { get; set; }
    public double Delta { get; set; }
    public string? Error { get; set; }
    public int Findings { get; set; }
}

/// <summary>The reports grain's snapshot: every report's entry and the privacy ledger. Written before a job starts and when it ends.</summary>
public sealed class ReportsState
{
    public long LastNumber { get; set; }
    public List<ReportRecord> Reports { get; set; } = [];
    public List<PrivacySpend> Ledger { get; set; } = [];
}

public static class ReportStatus
{
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
}
