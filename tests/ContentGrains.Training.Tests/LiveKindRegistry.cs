namespace ContentGrains.Training.Tests;

/// <summary>
/// Tests that register the live kinds (TrainingKinds.Register: a process-wide registry) run one at a time, so that one
/// registering with other settings never changes what another trains.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LiveKindRegistry
{
    public const string Name = "live kind registry";
}
