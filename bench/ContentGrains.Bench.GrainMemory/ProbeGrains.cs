using ContentGrains.Abstractions;

namespace ContentGrains.Bench.GrainMemory;

// Orleans' own share of an idle grain, measured beside the user grains: an activation that holds nothing, and one that
// holds only a persistent state written once to the same store (the bridge, its etag and record). What a user grain
// costs beyond the second is ours.

public interface IEmptyProbeGrain : IGrainWithStringKey
{
    Task TouchAsync();
}

public interface IStateProbeGrain : IGrainWithStringKey
{
    Task TouchAsync();
}

public sealed class EmptyProbeGrain : Grain, IEmptyProbeGrain
{
    public Task TouchAsync() => Task.CompletedTask;
}

[GenerateSerializer, Alias("cg.bench.ProbeState")]
public sealed class ProbeState
{
    [Id(0)] public int Touches { get; set; }
}

public sealed class StateProbeGrain([PersistentState("probe", ContentGrainsNames.SnapshotStorage)] IPersistentState<ProbeState> state)
    : Grain, IStateProbeGrain
{
    public Task TouchAsync()
    {
        state.State.Touches++;
        return state.WriteStateAsync();
    }
}
