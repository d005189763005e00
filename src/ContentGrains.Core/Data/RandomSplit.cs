namespace ContentGrains.Core.Data;

/// <summary>
/// RecBole's per-user ratio split (<c>eval_args.split = {RS: [0.8, 0.1, 0.1]}</c>, <c>group_by: user</c>) of one
/// interaction file into train, validation and test, with the random order (<c>order: RO</c>,
/// <see cref="Shuffled"/>) or the temporal order (<c>order: TO</c>, <see cref="Temporal"/>).
/// </summary>
/// <remarks>
/// <para>
/// Part sizes follow RecBole 1.2.1's <c>Dataset._calcu_split_ids</c> exactly (<see cref="PartSizes"/>): with the
/// ratios normalised to sum 1, every part but the first gets <c>int(ratio · n)</c> (rounded down), the first gets
/// the rest; then, from the last part backwards, a part whose exact share <c>ratio · n</c> lies strictly between 0
/// and 1 takes one interaction from the first part, as long as the first part still has more than one.
/// For 8:1:1 that gives n = 1 → 1/0/0, 2 → 1/0/1, 3 → 1/1/1, 5 → 3/1/1, 10 → 8/1/1, 23 → 19/2/2.
/// </para>
/// <para>
/// Each user's interactions are ordered (shuffled, or sorted by timestamp), then the first part goes to train,
/// the next to validation, the last to test. RecBole shuffles the whole table with torch before grouping; this
/// shuffles each user's rows with <see cref="Random"/>(seed), the same distribution but not the same draw.
/// Users and items get dense indices in order of first appearance in the file.
/// </para>
/// </remarks>
public static class RandomSplit
{
    public const string TimeField = "timestamp";

    /// <summary>How many of <paramref name="total"/> interactions each part gets, as RecBole computes it.</summary>
    public static int[] PartSizes(int total, IReadOnlyList<double> ratios)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        if (ratios.Count == 0 || ratios.Any(r => r < 0 || double.IsNaN(r)))
            throw new ArgumentException("Give at least one non-negative ratio.", nameof(ratios));
        var sum = 0.0;
        foreach (var ratio in ratios)
            sum += ratio;
        if (sum <= 0)
            throw new ArgumentException("The ratios must not all be zero.", nameof(ratios));
        var normalised = ratios.Select(r => r / sum).ToArray();

        var counts = normalised.Select(r => (int)(r * total)).ToArray();
        counts[0] = total - counts.Skip(1).Sum();
        // RecBole: "make sure every part is not empty", walking from the last part towards the second.
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[0] <= 1)
                break;
            var share = normalised[^i] * total;
            if (share > 0 && share < 1)
            {
                counts[^i]++;
                counts[0]--;
            }
        }
        return counts;
    }

    /// <summary>RecBole "RS" with random order: each user's interactions shuffled with a seeded generator.</summary>
    public static GivenSplit Shuffled(AtomicFile interactions, int seed, double train = 0.8, double valid = 0.1, double test = 0.1)
    {
        var random = new Random(seed);
        return Split(interactions, [train, valid, test], rows =>
        {
            for (var i = rows.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (rows[i], rows[j]) = (rows[j], rows[i]);
            }
        });
    }

    /// <summary>
    /// RecBole "RS" with temporal order: each user's interactions sorted by <c>timestamp</c> (ties keep file order),
    /// so the earliest go to train and the latest to test.
    /// </summary>
    public static GivenSplit Temporal(AtomicFile interactions, double train = 0.8, double valid = 0.1, double test = 0.1)
    {
        var timeColumn = interactions.RequireColumn(TimeField, AtomicFieldType.Float);
        return Split(interactions, [train, valid, test], rows =>
        {
            var sorted = rows.OrderBy(row => interactions.Float(row, timeColumn)).ToArray(); // OrderBy is stable
            rows.Clear();
            rows.AddRange(sorted);
        });
    }

    private static GivenSplit Split(AtomicFile file, double[] ratios, Action<List<int>> order)
    {
        var userColumn = file.RequireColumn(GivenSplit.UserField, AtomicFieldType.Token);
        var itemColumn = file.RequireColumn(GivenSplit.ItemField, AtomicFieldType.Token);
        var users = new IdMap();
        var items = new IdMap();
        var rowsByUser = new List<List<int>>();
        var itemOfRow = new int[file.RowCount];
        for (var row = 0; row < file.RowCount; row++)
        {
            var user = users.GetOrAdd(file.Token(row, userColumn));
            itemOfRow[row] = items.GetOrAdd(file.Token(row, itemColumn));
            if (user == rowsByUser.Count)
                rowsByUser.Add([]);
            rowsByUser[user].Add(row);
        }

        var parts = new[] { new List<(int, int)>(), new List<(int, int)>(), new List<(int, int)>() };
        for (var user = 0; user < rowsByUser.Count; user++)
        {
            var rows = rowsByUser[user];
            order(rows);
            var sizes = PartSizes(rows.Count, ratios);
            var at = 0;
            for (var part = 0; part < parts.Length; part++)
            {
                for (var end = at + sizes[part]; at < end; at++)
                    parts[part].Add((user, itemOfRow[rows[at]]));
            }
        }

        InteractionSet Build(List<(int, int)> pairs) => InteractionSet.FromPairs(users.Count, items.Count, pairs);
        return GivenSplit.FromSets(users, items, Build(parts[0]), Build(parts[1]), Build(parts[2]));
    }
}
