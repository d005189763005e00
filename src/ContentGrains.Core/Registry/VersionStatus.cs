namespace ContentGrains.Core.Registry;

/// <summary>What the gate decided for a version: accepted versions can serve (one of them is the champion), rejected ones never did.</summary>
public static class VersionStatus
{
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
}
