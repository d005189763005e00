using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>Refuses headline-test settings out of range (ContentGrains:Engine:Variants), naming the setting and the reason.</summary>
public sealed class VariantOptionsValidation : IValidateOptions<EngineOptions>
{
    public ValidateOptionsResult Validate(string? name, EngineOptions options) =>
        options.Variants.Problem() is { } problem
            ? ValidateOptionsResult.Fail($"ContentGrains:Engine:Variants:{problem.Field} {problem.Reason}")
            : options.VariantRefresh < TimeSpan.Zero
                ? ValidateOptionsResult.Fail("ContentGrains:Engine:VariantRefresh must not be negative")
                : ValidateOptionsResult.Success;
}
