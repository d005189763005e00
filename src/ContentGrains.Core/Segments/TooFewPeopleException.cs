namespace ContentGrains.Core.Segments;

/// <summary>
/// The log holds too few people with engagement to fit segments: a state of the data, not a failure of the engine
/// (the API answers 409 and says to send more events).
/// </summary>
public sealed class TooFewPeopleException(string message) : InvalidOperationException(message);
