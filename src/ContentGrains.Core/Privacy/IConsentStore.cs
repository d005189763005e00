namespace ContentGrains.Core.Privacy;

/// <summary>
/// Consent per person, in the store beside the event log: the log reads it when it commits (events of a person who
/// withdrew tracking are refused there), and the person's grain reads it on activation.
/// </summary>
public interface IConsentStore
{
    /// <summary>The person's recorded consent, or null when they never set one (everything granted).</summary>
    Task<Consent?> GetAsync(string userId, CancellationToken cancellation = default);

    Task PutAsync(string userId, Consent consent, CancellationToken cancellation = default);

    /// <summary>Forgets the person's consent record; true when there was one.</summary>
    Task<bool> DeleteAsync(string userId, CancellationToken cancellation = default);
}
