using ContentGrains.Core.Privacy;

namespace ContentGrains.Grains;

/// <summary>The stores privacy works on, which the host registers beside the event log (SiloSetup): one constructor argument for the grains.</summary>
public sealed class PrivacyStores(IEventErasure erasure, IConsentStore consent, IPrivacyAudit audit)
{
    public IEventErasure Erasure => erasure;
    public IConsentStore Consent => consent;
    public IPrivacyAudit Audit => audit;
}
