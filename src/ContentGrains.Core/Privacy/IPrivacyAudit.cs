namespace ContentGrains.Core.Privacy;

/// <summary>The append-only record of privacy actions (deletions, consent changes, exports, retention runs).</summary>
public interface IPrivacyAudit
{
    Task AppendAsync(PrivacyAuditEntry entry, CancellationToken cancellation = default);

    /// <summary>The newest <paramref name="limit"/> entries of <paramref name="tenant"/> (the default tenant's unless named), newest first.</summary>
    Task<IReadOnlyList<PrivacyAuditEntry>> ReadLatestAsync(int limit, string tenant = Tenants.TenantKeys.Default, CancellationToken cancellation = default);
}
