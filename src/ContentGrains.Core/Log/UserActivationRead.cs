using ContentGrains.Core.Events;
using ContentGrains.Core.Privacy;

namespace ContentGrains.Core.Log;

/// <summary>
/// What an activating user grain reads besides its snapshot: the person's events after the snapshot and, where the
/// log keeps consent in its own store (cg_consent beside cg_events), their stored consent, both read by one command.
/// </summary>
/// <param name="Events">The person's events above the asked sequence, in sequence order.</param>
/// <param name="ConsentRead">
/// Whether <see cref="Consent"/> came from the same command. False for a log that keeps no consent (in memory): the
/// caller asks its <see cref="IConsentStore"/>.
/// </param>
/// <param name="Consent">The person's stored consent; null when none is stored (or not read).</param>
public sealed record UserActivationRead(IReadOnlyList<LoggedInteraction> Events, bool ConsentRead, Consent? Consent)
{
    /// <summary>A log without consent: the events alone.</summary>
    public static UserActivationRead EventsOnly(IReadOnlyList<LoggedInteraction> events) => new(events, false, null);
}
