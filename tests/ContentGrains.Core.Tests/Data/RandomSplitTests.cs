using System.Text;
using ContentGrains.Core.Data;
using ContentGrains.Core.Evaluation;
using ContentGrains.Core.Models;

namespace ContentGrains.Core.Tests.Data;

public class RandomSplitTests
{
    private const string Header = "user_id:token\titem_id:token\trating:float\ttimestamp:float\n";

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(1, 1, 0, 0)]  // first part never drops below one
    [InlineData(2, 1, 0, 1)]  // test (walked first) takes one, then train is down to one
    [InlineData(3, 1, 1, 1)]
    [InlineData(5, 3, 1, 1)]  // 0.5 each is in (0, 1): both get one
    [InlineData(9, 7, 1, 1)]
    [InlineData(10, 8, 1, 1)]
    [InlineData(19, 17, 1, 1)]
    [InlineData(20, 16, 2, 2)]
    [InlineData(23, 19, 2, 2)] // int(2.3) = 2
    public void Part_sizes_follow_recbole(int total, int train, int valid, int test)
    {
        Assert.Equal([train, valid, test], RandomSplit.PartSizes(total, [0.8, 0.1, 0.1]));
    }

    [Fact]
    public void Part_sizes_normalise_the_ratios()
    {
        Assert.Equal([8, 1, 1], RandomSplit.PartSizes(10, [8, 1, 1]));
        Assert.Equal([7, 3], RandomSplit.PartSizes(10, [0.7, 0.3]));
        Assert.Throws<ArgumentException>(() => RandomSplit.PartSizes(10, [0, 0]));
    }

    [Fact]
    public void Shuffled_split_gives_each_user_recbole_sizes_and_keeps_every_interaction()
    {
        var sizes = new Dictionary<string, int> { ["a"] = 1, ["b"] = 5, ["c"] = 10, ["d"] = 23 };
        var split = RandomSplit.Shuffled(File(sizes), seed: 7);

        var expected = new Dictionary<string, (int, int, int)>
        {
            ["a"] = (1, 0, 0), ["b"] = (3, 1, 1), ["c"] = (8, 1, 1), ["d"] = (19, 2, 2),
        };
        foreach (var (id, parts) in expected)
        {
            Assert.True(split.Users.TryGetIndex(id, out var user));
            Assert.Equal(parts, (split.Train.CountOf(user), split.Valid.CountOf(user), split.Test.CountOf(user)));
            var all = split.Train.ItemsOf(user).ToArray().Concat(split.Valid.ItemsOf(user).ToArray())
                .Concat(split.Test.ItemsOf(user).ToArray()).Select(split.Items.IdOf).Order().ToArray();
            Assert.Equal(Enumerable.Range(0, sizes[id]).Select(i => $"{id}{i}").Order().ToArray(), all);
        }
        Assert.Equal((31, 4, 4), (split.Train.Count, split.Valid.Count, split.Test.Count));
    }

    [Fact]
    public void Shuffled_split_is_determined_by_the_seed()
    {
        var file = File(new Dictionary<string, int> { ["u"] = 30, ["v"] = 12 });

        var first = Describe(RandomSplit.Shuffled(file, seed: 42));
        var again = Describe(RandomSplit.Shuffled(file, seed: 42));
        var others = Enumerable.Range(1, 5).Select(seed => Describe(RandomSplit.Shuffled(file, seed))).ToArray();

        Assert.Equal(first, again);
        Assert.Contains(others, other => other != first);
    }

    [Fact]
    public void Temporal_split_puts_the_latest_interactions_in_test()
    {
        // One user, ten items with timestamps out of file order; item "t9" is the latest, "t8" next.
        var text = new StringBuilder(Header);
        int[] times = [50, 10, 90, 30, 20, 100, 60, 40, 80, 70];
        for (var i = 0; i < times.Length; i++)
            text.Append($"u\ti{times[i] / 10}\t1\t{times[i]}\n");
        // Items are named by time rank: i1 (10) ... i10 (100).

        var split = RandomSplit.Temporal(Parse(text.ToString()));

        Assert.Equal(["i10"], split.Test.ItemsOf(0).ToArray().Select(split.Items.IdOf));
        Assert.Equal(["i9"], split.Valid.ItemsOf(0).ToArray().Select(split.Items.IdOf));
        Assert.Equal(8, split.Train.CountOf(0));
        Assert.DoesNotContain("i10", split.Train.ItemsOf(0).ToArray().Select(split.Items.IdOf));
    }

    [Fact]
    public void Temporal_split_keeps_file_order_for_equal_timestamps()
    {
        // Three interactions at one time: train 1, valid 1, test 1 in file order.
        var split = RandomSplit.Temporal(Parse(Header + "u\tx\t1\t5\nu\ty\t1\t5\nu\tz\t1\t5\n"));

        Assert.Equal(["x"], split.Train.ItemsOf(0).ToArray().Select(split.Items.IdOf));
        Assert.Equal(["y"], split.Valid.ItemsOf(0).ToArray().Select(split.Items.IdOf));
        Assert.Equal(["z"], split.Test.ItemsOf(0).ToArray().Select(split.Items.IdOf));
    }

    [Fact]
    public void Temporal_split_needs_a_timestamp_column()
    {
        var noTime = Parse("user_id:token\titem_id:token\nu\tx\n");

        Assert.Throws<FormatException>(() => RandomSplit.Temporal(noTime));
    }

    [Fact]
    public void The_evaluator_runs_unchanged_on_a_ratio_split()
    {
        var split = RandomSplit.Shuffled(File(new Dictionary<string, int> { ["a"] = 10, ["b"] = 10, ["c"] = 3 }), seed: 1);
        var model = new PopularityModel();
        model.Fit(split.Train);

        var result = new FullRankingEvaluator(5).EvaluateTest(model, split);

        Assert.Equal(3, result.Users); // every user with n >= 2 has a test item
    }

    private static string Describe(GivenSplit split) =>
        string.Join("|", Enumerable.Range(0, split.UserCount).Select(user =>
            string.Join(",", split.Test.ItemsOf(user).ToArray()) + "/" + string.Join(",", split.Valid.ItemsOf(user).ToArray())));

    /// <summary>User <c>id</c> with <c>n</c> distinct items <c>id0..id{n-1}</c>, interleaved across users.</summary>
    private static AtomicFile File(Dictionary<string, int> sizes)
    {
        var text = new StringBuilder(Header);
        var max = sizes.Values.Max();
        for (var i = 0; i < max; i++)
        {
            foreach (var (id, n) in sizes)
            {
                if (i < n)
                    text.Append($"{id}\t{id}{i}\t1\t{i}\n");
            }
        }
        return Parse(text.ToString());
    }

    private static AtomicFile Parse(string text) => AtomicFile.Parse(new StringReader(text));
}
