namespace ContentGrains.Core.Data;

/// <summary>
/// Implicit user×item interactions over dense indices: for each user, the sorted set of items they interacted
/// with. Repeated pairs count once. All sets of one split share <see cref="UserCount"/> and <see cref="ItemCount"/>.
/// </summary>
public sealed class InteractionSet
{
    private readonly int[][] itemsByUser;

    private InteractionSet(int userCount, int itemCount, int[][] itemsByUser)
    {
        UserCount = userCount;
        ItemCount = itemCount;
        this.itemsByUser = itemsByUser;
        Count = itemsByUser.Sum(items => items.Length);
    }

    public int UserCount { get; }

    public int ItemCount { get; }

    /// <summary>The number of distinct (user, item) pairs.</summary>
    public int Count { get; }

    public static InteractionSet FromPairs(int userCount, int itemCount, IEnumerable<(int User, int Item)> pairs)
    {
        var lists = new List<int>?[userCount];
        foreach (var (user, item) in pairs)
        {
            if ((uint)user >= (uint)userCount)
                throw new ArgumentOutOfRangeException(nameof(pairs), $"User {user} is outside 0..{userCount - 1}.");
            if ((uint)item >= (uint)itemCount)
                throw new ArgumentOutOfRangeException(nameof(pairs), $"Item {item} is outside 0..{itemCount - 1}.");
            (lists[user] ??= []).Add(item);
        }

        var itemsByUser = new int[userCount][];
        for (var user = 0; user < userCount; user++)
        {
            var items = lists[user];
            if (items is null)
            {
                itemsByUser[user] = [];
                continue;
            }
            items.Sort();
            itemsByUser[user] = items.Distinct().ToArray(); // sorted input keeps Distinct's output sorted
        }
        return new InteractionSet(userCount, itemCount, itemsByUser);
    }

    /// <summary>The items of <paramref name="user"/>, ascending.</summary>
    public ReadOnlySpan<int> ItemsOf(int user) => itemsByUser[user];

    public int CountOf(int user) => itemsByUser[user].Length;

    public bool Contains(int user, int item) => Array.BinarySearch(itemsByUser[user], item) >= 0;

    /// <summary>How many users interacted with each item.</summary>
    public int[] ItemCounts()
    {
        var counts = new int[ItemCount];
        foreach (var items in itemsByUser)
        {
            foreach (var item in items)
                counts[item]++;
        }
        return counts;
    }
}
