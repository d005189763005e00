using ContentGrains.Core.Items;
using ContentGrains.Core.Log;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Grains;

// Snapshot shapes. Grain storage writes these as JSON with their type names: renaming a type or its
// namespace breaks stored rows, so these names are fixed.

public sealed class UserState
{
    public UserProfile Profile { get; set; } = new();
    public AppliedWindow Applied { get; set; } = new();
}

public sealed class ItemState
{
    public ItemInfo? Metadata { get; set; }
    public ItemCounters Counters { get; set; } = new();
    public AppliedWindow Applied { get; set; } = new();
}
