namespace ContentGrains.Core.Registry;

/// <summary>
/// What the gate decided for a version: accepted versions can serve (one of them is the champion), rejected ones never
/// did. A click champion the weighted ranking later beat is shown as retired (the registry keeps that apart from the
/// stored version, which is written once): it stopped serving, and an operator may still choose it again.
/// </summary>
public static class VersionStatus
{
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Retired = "retired";
}
