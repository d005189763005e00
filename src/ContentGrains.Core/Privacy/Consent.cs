namespace ContentGrains.Core.Privacy;

/// <summary>
/// A person's consent. <see cref="Personalisation"/>: whether a profile of them is built and their feed is personal.
/// <see cref="Tracking"/>: whether their events are stored at all. Both are granted until the person says otherwise.
/// </summary>
public sealed record Consent(bool Personalisation, bool Tracking, DateTimeOffset? UpdatedAt = null)
{
    public static readonly Consent Granted = new(true, true);

    /// <summary>Whether anything is withdrawn: such a record outlives a deletion of the person, so the refusal holds.</summary>
    public bool WithdrawsAnything => !Personalisation || !Tracking;
}
