using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>Refuses dispatch settings out of range (ContentGrains:Engine:DispatchBacklog, DispatchCallsInFlight), naming the setting.</summary>
public sealed class DispatchOptionsValidation : IValidateOptions<EngineOptions>
{
    public ValidateOptionsResult Validate(string? name, EngineOptions options) =>
        options.DispatchBacklog < 1 ? ValidateOptionsResult.Fail($"ContentGrains:Engine:DispatchBacklog must be at least 1, got {options.DispatchBacklog}")
        : options.DispatchCallsInFlight < 1 ? ValidateOptionsResult.Fail($"ContentGrains:Engine:DispatchCallsInFlight must be at least 1, got {options.DispatchCallsInFlight}")
        : ValidateOptionsResult.Success;
}
