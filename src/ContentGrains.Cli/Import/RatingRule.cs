using System.Security.Cryptography;
using System.Text;

namespace ContentGrains.Cli.Import;

/// <summary>
/// How a rated interaction (RecBole, MovieLens, a CSV with a rating and no type) becomes an engine event:
/// a rating at or above <see cref="LikeAt"/> is a "like", anything lower a "view" (the user watched it but did not
/// love it; "dislike" would also mark it and push its tags down, which a 3-star rating does not mean). The rating itself
/// travels in the event's "value" field, so nothing is lost and an offline export writes it back unchanged.
/// </summary>
public sealed record RatingRule(double LikeAt)
{
    public const double DefaultLikeAt = 4;
    public static RatingRule Default { get; } = new(DefaultLikeAt);

    public string TypeOf(double rating) => rating >= LikeAt ? "like" : "view";

    /// <summary>A rated interaction as an event, with an id derived from its content.</summary>
    public ImportEvent ToEvent(string user, string item, double rating, DateTimeOffset? timestamp) =>
        new(EventIds.Derive(user, item, timestamp, "rating"), user, item, TypeOf(rating), timestamp, Value: rating);
}

/// <summary>
/// Event ids for files that have none. The id is a hash of who, what, when and what kind ("rating" for rated rows,
/// the event type otherwise), so importing the same rows again, from any file name or order, sends the same ids and
/// the engine counts them as duplicates. Changing the rating rule keeps the ids of rated rows.
/// </summary>
public static class EventIds
{
    /// <summary>Missing parts hash as empty, so the id is always valid and the target reports the missing field itself.</summary>
    public static string Derive(string? user, string? item, DateTimeOffset? timestamp, string? kind)
    {
        var key = $"{user}\u001f{item}\u001f{timestamp?.ToUnixTimeMilliseconds()}\u001f{kind}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return "imp-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
