namespace ContentGrains.Core.Privacy;

/// <summary>The append-only record of privacy actions (deletions, consent changes, exports, retention runs).</summary>
public interface IPrivacyAudit
{
    Task AppendAsync(PrivacyAuditEntry entry, CancellationToken cancellation = default);

    /// <summary>The newest <paramref name="limit"/> entries, newest first.</summary>
    Task<IReadOnlyList<PrivacyAuditEntry>> ReadLatestAsync(int limit, CancellationToken cancellation = default);
}
