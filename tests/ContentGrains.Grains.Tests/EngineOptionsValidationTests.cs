namespace ContentGrains.Grains.Tests;

/// <summary>Dispatch and snapshot settings out of range are refused at start, the failure naming the setting and the value.</summary>
public sealed class EngineOptionsValidationTests
{
    [Theory]
    [InlineData("DispatchBacklog", "ContentGrains:Engine:DispatchBacklog must be at least 1, got 0")]
    [InlineData("DispatchCallsInFlight", "ContentGrains:Engine:DispatchCallsInFlight must be at least 1, got 0")]
    [InlineData("SnapshotTimerMinEvents", "ContentGrains:Engine:SnapshotTimerMinEvents must be at least 1, got 0")]
    public void A_setting_below_1_is_refused_by_name(string setting, string expected)
    {
        var options = new EngineOptions();
        typeof(EngineOptions).GetProperty(setting)!.SetValue(options, 0);
        var result = new DispatchOptionsValidation().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Equal(expected, result.FailureMessage);
    }

    [Fact]
    public void A_negative_late_commit_window_is_refused_by_name_and_0_passes()
    {
        var result = new DispatchOptionsValidation().Validate(null, new EngineOptions { ExperimentLateCommitSequences = -1 });
        Assert.Equal("ContentGrains:Engine:ExperimentLateCommitSequences must be 0 or more, got -1", result.FailureMessage);
        Assert.True(new DispatchOptionsValidation().Validate(null, new EngineOptions { ExperimentLateCommitSequences = 0 }).Succeeded);
        Assert.Equal(20_000, new EngineOptions().ExperimentLateCommitSequences);
    }

    [Fact]
    public void The_defaults_pass_and_1_is_the_old_timer()
    {
        Assert.True(new DispatchOptionsValidation().Validate(null, new EngineOptions()).Succeeded);
        Assert.Equal(16, new EngineOptions().SnapshotTimerMinEvents);
        Assert.True(new DispatchOptionsValidation().Validate(null, new EngineOptions { SnapshotTimerMinEvents = 1 }).Succeeded);
    }
}
