namespace ContentGrains.Core.Privacy;

/// <summary>
/// One logged privacy action: what was done (<see cref="PrivacyActions"/>), when, by which API key (its configured name;
/// "local" on a silo without keys), to whom as <see cref="PersonHash"/> (so the audit holds no person's id, yet an
/// operator can answer "was X deleted?" by hashing X), and counts (never the person's data).
/// <see cref="Tenant"/> is whose entry it is (the default tenant: ""): each tenant reads only its own; answers leave it out.
/// </summary>
public sealed record PrivacyAuditEntry(string Action, string PersonSha256, string KeyName, DateTimeOffset At, string Detail,
    [property: System.Text.Json.Serialization.JsonIgnore] string Tenant = Tenants.TenantKeys.Default);

/// <summary>The actions the privacy audit records.</summary>
public static class PrivacyActions
{
    public const string Delete = "delete";
    public const string Consent = "consent";
    public const string Export = "export";
    public const string Retention = "retention";
}
