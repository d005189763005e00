using ContentGrains.Core.Events;

namespace ContentGrains.Core.Data;

/// <summary>
/// Implicit feedback gathered from the event log for training: every event that shows interest (anything the feed
/// treats as consumed except a dislike) makes its (user, item) pair a positive; impressions and dislikes do not.
/// Users and items get dense indices in order of first appearance.
/// </summary>
public sealed class TrainingSetBuilder
{
    private readonly List<(int User, int Item)> pairs = [];

    public IdMap Users { get; } = new();
    public IdMap Items { get; } = new();
    public long EventsRead { get; private set; }

    public static bool IsPositive(EventType type) => type.MarksConsumed() && type != EventType.Dislike;

    public void Add(Interaction e)
    {
        EventsRead++;
        if (!IsPositive(e.Type)) return;
        pairs.Add((Users.GetOrAdd(e.UserId), Items.GetOrAdd(e.ItemId)));
    }

    public InteractionSet Build() => InteractionSet.FromPairs(Users.Count, Items.Count, pairs);
}
