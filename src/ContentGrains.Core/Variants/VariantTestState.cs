namespace ContentGrains.Core.Variants;

/// <summary>Where a headline test stands. The numbers are stored in item snapshots: never renumber.</summary>
public enum VariantTestState
{
    /// <summary>Every variant is shown, by Thompson sampling with a minimum share each.</summary>
    Running = 0,
    /// <summary>The winner rule picked a variant; feeds show only it.</summary>
    WinnerDeclared = 1,
    /// <summary>An operator stopped the test; feeds show the variant they pinned, or the leader at the time.</summary>
    Stopped = 2,
}

public static class VariantTestStates
{
    /// <summary>The wire name: running, winner-declared, stopped.</summary>
    public static string Name(this VariantTestState state) => state switch
    {
        VariantTestState.Running => "running",
        VariantTestState.WinnerDeclared => "winner-declared",
        VariantTestState.Stopped => "stopped",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown test state"),
    };
}
