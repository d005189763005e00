using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>Refuses dispatch and snapshot settings out of range (ContentGrains:Engine:DispatchBacklog, DispatchCallsInFlight, SnapshotTimerMinEvents), naming the setting.</summary>
public sealed class DispatchOptionsValidation : IValidateOptions<EngineOptions>
{
    public ValidateOptionsResult Validate(string? name, EngineOptions options) =>
        options.DispatchBacklog < 1 ? ValidateOptionsResult.Fail($"ContentGrains:Engine:DispatchBacklog must be at least 1, got {options.DispatchBacklog}")
        : options.DispatchCallsInFlight < 1 ? ValidateOptionsResult.Fail($"ContentGrains:Engine:DispatchCallsInFlight must be at least 1, got {options.DispatchCallsInFlight}")
        : options.SnapshotTimerMinEvents < 1 ? ValidateOptionsResult.Fail($"ContentGrains:Engine:SnapshotTimerMinEvents must be at least 1, got {options.SnapshotTimerMinEvents}")
        : ValidateOptionsResult.Success;
}
