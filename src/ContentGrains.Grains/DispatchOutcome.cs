namespace ContentGrains.Grains;

/// <summary>What a dispatch did: the items without metadata, and the events a stage could not apply (to retry that stage).</summary>
/// <param name="ItemsPending">Events whose item grain failed: neither their item nor their user has them.</param>
/// <param name="UsersPending">Events their item applied but their user grain did not.</param>
/// <param name="FirstError">The first failure, for the log.</param>
public sealed record DispatchOutcome(
    IReadOnlySet<string> UnknownItems, IReadOnlyList<LoggedEventMessage> ItemsPending, IReadOnlyList<TaggedEventMessage> UsersPending, Exception? FirstError)
{
    public static readonly DispatchOutcome None = new(new HashSet<string>(), [], [], null);

    public bool Complete => ItemsPending.Count == 0 && UsersPending.Count == 0;

    /// <summary>The log sequences of the events some grain still lacks.</summary>
    public IReadOnlySet<long> PendingSequences() =>
        ItemsPending.Select(e => e.Sequence).Concat(UsersPending.Select(t => t.Event.Sequence)).ToHashSet();
}
