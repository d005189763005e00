namespace ContentGrains.Core.Variants;

/// <summary>One variant's counts in a headline test. Plain data so grain storage can snapshot it.</summary>
public sealed class VariantCount
{
    public string Id { get; set; } = "";
    public long Impressions { get; set; }
    public long Clicks { get; set; }
}
