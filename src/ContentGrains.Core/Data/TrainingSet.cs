using ContentGrains.Core.Events;

namespace ContentGrains.Core.Data;

/// <summary>
/// Implicit feedback gathered from the event log for training: every event that shows interest (anything the feed
/// treats as consumed except a dislike) makes its (user, item) pair a positive; impressions and dislikes do not.
/// A dislike withdraws the pair until a positive event later than it, the rule of the profile's Disliked, so the model
/// trains on exactly the items the live feed gives it as the person's history. Events are taken in log order.
/// Users and items get dense indices in order of first positive appearance.
/// </summary>
public sealed class TrainingSetBuilder
{
    private readonly List<(int User, int Item)> pairs = [];
    private readonly Dictionary<(string User, string Item), DateTimeOffset> disliked = []; // the pair's latest dislike

    public IdMap Users { get; } = new();
    public IdMap Items { get; } = new();
    public long EventsRead { get; private set; }

    public static bool IsPositive(EventType type) => type.MarksConsumed() && type != EventType.Dislike;

    public void Add(Interaction e)
    {
        EventsRead++;
        var key = (e.UserId, e.ItemId);
        if (e.Type == EventType.Dislike)
        {
            if (!disliked.TryGetValue(key, out var last) || e.Timestamp > last) disliked[key] = e.Timestamp;
            return;
        }
        if (!IsPositive(e.Type)) return;
        if (disliked.TryGetValue(key, out var dislikedAt) && e.Timestamp > dislikedAt) disliked.Remove(key);
        pairs.Add((Users.GetOrAdd(e.UserId), Items.GetOrAdd(e.ItemId)));
    }

    public InteractionSet Build()
    {
        var withdrawn = new HashSet<(int User, int Item)>();
        foreach (var (user, item) in disliked.Keys)
            if (Users.TryGetIndex(user, out var u) && Items.TryGetIndex(item, out var i))
                withdrawn.Add((u, i));
        return InteractionSet.FromPairs(Users.Count, Items.Count, withdrawn.Count == 0 ? pairs : pairs.Where(p => !withdrawn.Contains(p)));
    }
}
