namespace ContentGrains.Core.Ranking;

/// <summary>
/// A candidate with its ranking parts, each in [-1, 1]: the model's score scaled over the candidates, the match with
/// the person's interests (and the tag that matched best), popularity, freshness, and the person's response to the
/// item's tags (<see cref="Profiles.TagResponse.Part"/>), and the match of the person's topic interests with the item's
/// topic mixture (and the topic that matched most); Score is their weighted sum.
/// </summary>
/// <remarks>
/// A struct: a feed ranks every pooled candidate (about 500), and as a class each was its own heap object, about 15 %
/// of a feed's allocated bytes over HTTP. As a struct the ranking is one array of them (80 bytes each, so under the
/// large-object heap's 85,000 bytes up to about 1,000 candidates).
/// </remarks>
public readonly record struct ScoredCandidate(int Entry, double Score, double Model, double Interest, string? InterestTag, double Popularity, double Freshness,
    double Response = 0, double Topic = 0, int? MatchedTopic = null);
