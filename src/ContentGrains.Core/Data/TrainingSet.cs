using ContentGrains.Core.Events;

namespace ContentGrains.Core.Data;

/// <summary>
/// Implicit feedback gathered from the event log for training: every event that shows interest (anything the feed
/// treats as consumed except a dislike) makes its (user, item) pair a positive; impressions and dislikes do not.
/// A pair whose latest event in time is a dislike (a tie goes to the dislike) is withdrawn, the rule of the profile's
/// Disliked, so the model trains on exactly the items the live feed gives it as the person's history.
/// Users and items get dense indices in order of first positive appearance.
/// </summary>
public sealed class TrainingSetBuilder
{
    private readonly List<(int User, int Item, long At)> positives = [];
    private readonly Dictionary<(string User, string Item), long> latestDislike = [];

    public IdMap Users { get; } = new();
    public IdMap Items { get; } = new();
    public long EventsRead { get; private set; }

    public static bool IsPositive(EventType type) => type.MarksConsumed() && type != EventType.Dislike;

    public void Add(Interaction e)
    {
        EventsRead++;
        var at = e.Timestamp.UtcTicks;
        if (e.Type == EventType.Dislike)
        {
            var key = (e.UserId, e.ItemId);
            if (!latestDislike.TryGetValue(key, out var last) || at > last) latestDislike[key] = at;
            return;
        }
        if (IsPositive(e.Type)) positives.Add((Users.GetOrAdd(e.UserId), Items.GetOrAdd(e.ItemId), at));
    }

    /// <summary>Per user index, the item of their latest positive event in time (-1 for none); ties keep the later logged one.</summary>
    public int[] LatestPositiveItems()
    {
        var latest = new int[Users.Count];
        var at = new long[Users.Count];
        Array.Fill(latest, -1);
        foreach (var (user, item, time) in positives)
        {
            if (latest[user] >= 0 && time < at[user]) continue;
            (latest[user], at[user]) = (item, time);
        }
        return latest;
    }

    /// <summary>Bytes the builder holds now, roughly: the positives' buffer and the two id maps (ids as UTF-16 strings, dictionary entry and list slot).</summary>
    public long EstimatedBytes => (long)positives.Capacity * 16 + (Users.Count + Items.Count) * 160L + latestDislike.Count * 160L;

    public InteractionSet Build()
    {
        // The pairs disliked at some time, with that time; they stay only if a positive event came after it.
        var dislikedAt = new Dictionary<(int User, int Item), long>();
        foreach (var ((user, item), at) in latestDislike)
            if (Users.TryGetIndex(user, out var u) && Items.TryGetIndex(item, out var i))
                dislikedAt[(u, i)] = at;
        var latestPositive = new Dictionary<(int User, int Item), long>();
        foreach (var (user, item, at) in positives)
            if (dislikedAt.ContainsKey((user, item)) && (!latestPositive.TryGetValue((user, item), out var last) || at > last))
                latestPositive[(user, item)] = at;
        var pairs = positives
            .Select(p => (p.User, p.Item))
            .Where(p => !dislikedAt.TryGetValue(p, out var disliked) || latestPositive[p] > disliked);
        return InteractionSet.FromPairs(Users.Count, Items.Count, pairs);
    }
}
