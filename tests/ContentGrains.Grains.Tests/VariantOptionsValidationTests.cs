namespace ContentGrains.Grains.Tests;

public sealed class VariantOptionsValidationTests
{
    [Fact]
    public void Out_of_range_settings_are_named()
    {
        var result = new VariantOptionsValidation().Validate(null, new EngineOptions { Variants = new() { WinProbability = 0.4 } });

        Assert.Equal("ContentGrains:Engine:Variants:WinProbability must be above 0.5 and at most 1", result.FailureMessage);
        Assert.True(new VariantOptionsValidation().Validate(null, new EngineOptions()).Succeeded);
    }
}
