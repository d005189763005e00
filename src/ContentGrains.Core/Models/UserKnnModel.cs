using ContentGrains.Core.Data;

namespace ContentGrains.Core.Models;

/// <summary>
/// User-based k-nearest-neighbours on the binary train matrix: a history h is compared with every training user v by
/// cosine similarity <c>|h ∩ v| / (sqrt(|h|·|v|) + shrink)</c>, and an item's score is the summed similarity of the
/// <see cref="Neighbours"/> most similar users who have it. A training user whose items are exactly h is skipped,
/// so scoring a training user's own history does not count the user as their own neighbour.
/// </summary>
/// <remarks>
/// Unlike EASE or ItemKNN its scores are not a sum over the history's items, which is why it adds a different
/// opinion to <see cref="HybridModel"/>. Scoring touches every training user who shares an item with h.
/// </remarks>
public sealed class UserKnnModel : IRecommenderModel, IHistoryScorer
{
    private InteractionSet? train;
    private int[][] itemsByUser = [];
    private int[][] usersByItem = [];

    public UserKnnModel(int neighbours = 50, double shrink = 0.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(neighbours);
        ArgumentOutOfRangeException.ThrowIfNegative(shrink);
        Neighbours = neighbours;
        Shrink = shrink;
    }

    public int Neighbours { get; }

    public double Shrink { get; }

    public int ItemCount { get; private set; }

    public void Fit(InteractionSet train)
    {
        this.train = train;
        itemsByUser = new int[train.UserCount][];
        for (var user = 0; user < train.UserCount; user++)
            itemsByUser[user] = train.ItemsOf(user).ToArray();
        ItemCount = train.ItemCount;
        usersByItem = UsersByItem(itemsByUser, ItemCount);
    }

    public void Score(int user, Span<float> scores)
    {
        var history = train ?? throw new InvalidOperationException("Fit the model before scoring.");
        ScoreHistory(history.ItemsOf(user), scores);
    }

    public void ScoreHistory(ReadOnlySpan<int> history, Span<float> scores)
    {
        if (usersByItem.Length == 0 && ItemCount > 0)
            throw new InvalidOperationException("Fit the model before scoring.");
        scores[..ItemCount].Clear();
        if (history.Length == 0)
            return;
        var overlap = new int[itemsByUser.Length];
        foreach (var item in history)
        {
            foreach (var user in usersByItem[item])
                overlap[user]++;
        }

        var similar = new List<(float Similarity, int User)>();
        for (var user = 0; user < overlap.Length; user++)
        {
            var shared = overlap[user];
            if (shared == 0 || (shared == history.Length && itemsByUser[user].Length == history.Length))
                continue; // no overlap, or the very same item set (the user being scored)
            var similarity = shared / (float)(Math.Sqrt((double)history.Length * itemsByUser[user].Length) + Shrink);
            similar.Add((similarity, user));
        }
        similar.Sort(static (a, b) => a.Similarity != b.Similarity ? b.Similarity.CompareTo(a.Similarity) : a.User.CompareTo(b.User));
        foreach (var (similarity, user) in similar.Take(Neighbours))
        {
            foreach (var item in itemsByUser[user])
                scores[item] += similarity;
        }
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Neighbours);
        writer.Write(Shrink);
        writer.Write(ItemCount);
        writer.Write(itemsByUser.Length);
        foreach (var items in itemsByUser)
        {
            writer.Write(items.Length);
            foreach (var item in items)
                writer.Write(item);
        }
    }

    /// <summary>A model read back from <see cref="Write"/>: it scores histories, not user indices.</summary>
    public static UserKnnModel Read(BinaryReader reader)
    {
        var model = new UserKnnModel(reader.ReadInt32(), reader.ReadDouble()) { ItemCount = reader.ReadInt32() };
        model.itemsByUser = new int[reader.ReadInt32()][];
        for (var user = 0; user < model.itemsByUser.Length; user++)
        {
            var items = model.itemsByUser[user] = new int[reader.ReadInt32()];
            for (var k = 0; k < items.Length; k++)
                items[k] = reader.ReadInt32();
        }
        model.usersByItem = UsersByItem(model.itemsByUser, model.ItemCount);
        return model;
    }

    private static int[][] UsersByItem(int[][] itemsByUser, int itemCount)
    {
        var lists = new List<int>[itemCount];
        for (var item = 0; item < itemCount; item++)
            lists[item] = [];
        for (var user = 0; user < itemsByUser.Length; user++)
        {
            foreach (var item in itemsByUser[user])
                lists[item].Add(user);
        }
        return lists.Select(list => list.ToArray()).ToArray();
    }
}
