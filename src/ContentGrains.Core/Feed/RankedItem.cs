namespace ContentGrains.Core.Feed;

/// <summary>One ranked item with the reason it is in the feed.</summary>
public sealed record RankedItem(string ItemId, double Score, string Reason);
