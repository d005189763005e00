namespace ContentGrains.Core.Data;

/// <summary>
/// A dataset already split into train, validation and test files, as RecBole's <c>benchmark_filename</c>
/// (<c>--split given</c>) reads it: <c>NAME.train.inter</c>, <c>NAME.valid.inter</c>, <c>NAME.test.inter</c>.
/// Users and items get dense indices in order of first appearance across train, then valid, then test,
/// so the three sets share one index space (items seen only in valid or test still exist, with no train data).
/// </summary>
public sealed class GivenSplit
{
    public const string UserField = "user_id";
    public const string ItemField = "item_id";

    private GivenSplit(IdMap users, IdMap items, InteractionSet train, InteractionSet valid, InteractionSet test)
    {
        Users = users;
        Items = items;
        Train = train;
        Valid = valid;
        Test = test;
    }

    public IdMap Users { get; }
    public IdMap Items { get; }
    public InteractionSet Train { get; }
    public InteractionSet Valid { get; }
    public InteractionSet Test { get; }

    public int UserCount => Users.Count;
    public int ItemCount => Items.Count;

    /// <summary>Reads <c>{folder}/{name}.train.inter</c>, <c>.valid.inter</c> and <c>.test.inter</c>.</summary>
    public static GivenSplit Load(string folder, string name) =>
        FromFiles(
            AtomicFile.Read(Path.Combine(folder, $"{name}.train.inter")),
            AtomicFile.Read(Path.Combine(folder, $"{name}.valid.inter")),
            AtomicFile.Read(Path.Combine(folder, $"{name}.test.inter")));

    public static GivenSplit FromFiles(AtomicFile train, AtomicFile valid, AtomicFile test)
    {
        var users = new IdMap();
        var items = new IdMap();
        var trainPairs = ReadPairs(train, users, items);
        var validPairs = ReadPairs(valid, users, items);
        var testPairs = ReadPairs(test, users, items);

        InteractionSet Build(List<(int, int)> pairs) => InteractionSet.FromPairs(users.Count, items.Count, pairs);
        return new GivenSplit(users, items, Build(trainPairs), Build(validPairs), Build(testPairs));
    }

    /// <summary>
    /// Wraps three sets built elsewhere (for example by <see cref="RandomSplit"/>); they must share the users and
    /// items of <paramref name="users"/> and <paramref name="items"/>.
    /// </summary>
    public static GivenSplit FromSets(IdMap users, IdMap items, InteractionSet train, InteractionSet valid, InteractionSet test)
    {
        foreach (var set in new[] { train, valid, test })
        {
            if (set.UserCount != users.Count || set.ItemCount != items.Count)
                throw new ArgumentException("The three sets must have one slot per mapped user and item.");
        }
        return new GivenSplit(users, items, train, valid, test);
    }

    private static List<(int, int)> ReadPairs(AtomicFile file, IdMap users, IdMap items)
    {
        var userColumn = file.RequireColumn(UserField, AtomicFieldType.Token);
        var itemColumn = file.RequireColumn(ItemField, AtomicFieldType.Token);
        var pairs = new List<(int, int)>(file.RowCount);
        for (var row = 0; row < file.RowCount; row++)
            pairs.Add((users.GetOrAdd(file.Token(row, userColumn)), items.GetOrAdd(file.Token(row, itemColumn))));
        return pairs;
    }
}
