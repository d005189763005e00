using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>Refuses dispatch, snapshot and log-pass settings out of range (ContentGrains:Engine:DispatchBacklog, DispatchCallsInFlight, SnapshotTimerMinEvents, ExperimentLateCommitSequences), naming the setting.</summary>
public sealed class DispatchOptionsValidation : IValidateOptions<EngineOptions>
{
    public ValidateOptionsResult Validate(string? name, EngineOptions options) =>
        options.DispatchBacklog < 1 ? ValidateOptionsResult.Fail($"ContentGrains:Engine:DispatchBacklog must be at least 1, got {options.DispatchBacklog}")
        : options.DispatchCallsInFlight < 1 ? ValidateOptionsResult.Fail($"ContentGrains:Engine:DispatchCallsInFlight must be at least 1, got {options.DispatchCallsInFlight}")
        : options.SnapshotTimerMinEvents < 1 ? ValidateOptionsResult.Fail($"ContentGrains:Engine:SnapshotTimerMinEvents must be at least 1, got {options.SnapshotTimerMinEvents}")
        : options.ExperimentLateCommitSequences < 0 ? ValidateOptionsResult.Fail($"ContentGrains:Engine:ExperimentLateCommitSequences must be 0 or more, got {options.ExperimentLateCommitSequences}")
        : ValidateOptionsResult.Success;
}
