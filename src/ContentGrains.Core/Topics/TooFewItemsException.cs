namespace ContentGrains.Core.Topics;

/// <summary>A topic fit asked of a catalog with too few items to choose a number of topics: a state, not a fault.</summary>
public sealed class TooFewItemsException(string message) : InvalidOperationException(message);
