namespace ContentGrains.Abstractions;

/// <summary>One recommended item and why it was chosen.</summary>
/// <remarks><c>Variant</c> is the headline variant to show when the item is under a headline test, else null.</remarks>
[GenerateSerializer, Immutable, Alias("cg.FeedItem")]
public sealed record FeedItem([property: Id(0)] string ItemId, [property: Id(1)] double Score, [property: Id(2)] string Reason,
    [property: Id(3)] ShownVariant? Variant = null);

/// <summary>A personal feed; Model names what ranked it.</summary>
/// <remarks><c>Model</c> names the model in one string; <c>Models</c> lists every model version that served the feed
/// (empty for the heuristic feed), so a feed can be traced to the versions in the registry. A feed served inside an
/// experiment names the experiment and the person's arm.</remarks>
[GenerateSerializer, Immutable, Alias("cg.Feed")]
public sealed record Feed(
    [property: Id(0)] string UserId,
    [property: Id(1)] IReadOnlyList<FeedItem> Items,
    [property: Id(2)] string Model,
    [property: Id(3)] IReadOnlyList<ServedModel>? Models = null,
    [property: Id(4)] string? Experiment = null,
    [property: Id(5)] string? Arm = null);

/// <summary>
/// What a feed may hold (README, "Section feeds"): items with at least one of <c>Tags</c> when any are given, none of
/// <c>ExcludeTags</c>, and a format among <c>Formats</c> when any are given. Values are checked by the HTTP API.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.FeedFilter")]
public sealed record FeedFilter(
    [property: Id(0)] IReadOnlyList<string> Tags,
    [property: Id(1)] IReadOnlyList<string> ExcludeTags,
    [property: Id(2)] IReadOnlyList<string> Formats);

/// <summary>A model version that served a feed: its registry name, version and kind.</summary>
[GenerateSerializer, Immutable, Alias("cg.ServedModel")]
public sealed record ServedModel([property: Id(0)] string Name, [property: Id(1)] long Version, [property: Id(2)] string Kind);

/// <summary>One entry of a user's recent history, most recent first.</summary>
[GenerateSerializer, Immutable, Alias("cg.RecentInteraction")]
public sealed record RecentInteraction(
    [property: Id(0)] string ItemId,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset Timestamp,
    [property: Id(3)] string Channel);

/// <summary>A user's live profile: event counts, interest weights per tag decayed to now, recent history.</summary>
[GenerateSerializer, Immutable, Alias("cg.UserProfileView")]
public sealed record UserProfileView(
    [property: Id(0)] string UserId,
    [property: Id(1)] IReadOnlyDictionary<string, long> EventCounts,
    [property: Id(2)] IReadOnlyDictionary<string, double> Interests,
    [property: Id(3)] IReadOnlyList<RecentInteraction> Recent,
    [property: Id(4)] IReadOnlyDictionary<string, DateTimeOffset> LastActivityByChannel);
