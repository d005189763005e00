using ContentGrains.Abstractions;

namespace ContentGrains.Grains;

/// <summary>The ids of every experiment created (key 0); written at once, since experiments are created rarely.</summary>
public sealed class ExperimentDirectoryGrain(
    [PersistentState("experiment-directory", ContentGrainsNames.SnapshotStorage)] IPersistentState<ExperimentDirectoryState> state) : Grain, IExperimentDirectoryGrain
{
    public async Task AddAsync(string experimentId)
    {
        if (state.State.Ids.Contains(experimentId)) return;
        state.State.Ids.Add(experimentId);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Ids]);
}

/// <summary>The experiment directory's snapshot (a fixed type name: grain storage writes it with its type name).</summary>
public sealed class ExperimentDirectoryState
{
    public List<string> Ids { get; set; } = [];
}
