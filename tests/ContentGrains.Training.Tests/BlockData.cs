using ContentGrains.Core.Data;

namespace ContentGrains.Training.Tests;

/// <summary>
/// Two communities: users 0..U/2−1 interact only with items 0..I/2−1, the other users only with the other items.
/// Each user's block is split at random into training items and held-out items, so a model that learned the
/// structure ranks every held-out item of a user's own block above every item of the other block.
/// </summary>
public sealed class BlockData
{
    public BlockData(int users = 40, int items = 40, int heldOutPerUser = 5, int seed = 1)
    {
        var random = new Random(seed);
        var train = new List<(int, int)>();
        var heldOut = new List<(int, int)>();
        for (var user = 0; user < users; user++)
        {
            var block = BlockItems(user, users, items).ToArray();
            random.Shuffle(block);
            heldOut.AddRange(block[..heldOutPerUser].Select(item => (user, item)));
            train.AddRange(block[heldOutPerUser..].Select(item => (user, item)));
        }
        Train = InteractionSet.FromPairs(users, items, train);
        HeldOut = InteractionSet.FromPairs(users, items, heldOut);
        UserCount = users;
        ItemCount = items;
    }

    public InteractionSet Train { get; }

    public InteractionSet HeldOut { get; }

    public int UserCount { get; }

    public int ItemCount { get; }

    public IEnumerable<int> OtherBlockItems(int user) =>
        Enumerable.Range(0, ItemCount).Except(BlockItems(user, UserCount, ItemCount));

    private static IEnumerable<int> BlockItems(int user, int users, int items) =>
        user < users / 2 ? Enumerable.Range(0, items / 2) : Enumerable.Range(items / 2, items - items / 2);
}
