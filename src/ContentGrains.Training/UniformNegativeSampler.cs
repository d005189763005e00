using ContentGrains.Core.Data;

namespace ContentGrains.Training;

/// <summary>
/// Draws, for a user, an item uniformly from the items the user has no training interaction with (RecBole's
/// "uniform" sampler): draw any item and redraw while it is one of the user's. Users with every item have no negative.
/// </summary>
internal sealed class UniformNegativeSampler(InteractionSet train, Random random)
{
    public bool HasNegative(int user) => train.CountOf(user) < train.ItemCount;

    public int Sample(int user)
    {
        if (!HasNegative(user))
            throw new InvalidOperationException($"User {user} interacted with every item.");
        while (true)
        {
            var item = random.Next(train.ItemCount);
            if (!train.Contains(user, item))
                return item;
        }
    }
}
