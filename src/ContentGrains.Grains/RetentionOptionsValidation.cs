using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>Refuses retention settings out of range (ContentGrains:Engine:Retention), naming the setting and the reason.</summary>
public sealed class RetentionOptionsValidation : IValidateOptions<EngineOptions>
{
    public ValidateOptionsResult Validate(string? name, EngineOptions options) =>
        options.Retention.Problem() is { } problem ? ValidateOptionsResult.Fail($"ContentGrains:Engine:{problem}") : ValidateOptionsResult.Success;
}
