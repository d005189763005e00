namespace ContentGrains.Core.Ranking;

/// <summary>
/// A candidate with its ranking parts, each in [-1, 1]: the model's score scaled over the candidates, the match with
/// the person's interests (and the tag that matched best), popularity, freshness, and the person's response to the
/// item's tags (<see cref="Profiles.TagResponse.Part"/>), and the match of the person's topic interests with the item's
/// topic mixture (and the topic that matched most); Score is their weighted sum.
/// </summary>
public sealed record ScoredCandidate(int Entry, double Score, double Model, double Interest, string? InterestTag, double Popularity, double Freshness,
    double Response = 0, double Topic = 0, int? MatchedTopic = null);
