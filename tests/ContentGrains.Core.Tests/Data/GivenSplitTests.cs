using ContentGrains.Core.Data;

namespace ContentGrains.Core.Tests.Data;

public class GivenSplitTests
{
    private const string Header = "user_id:token\titem_id:token\trating:float\ttimestamp:float\n";

    // Users appear as u9, u3 (train) then u5 (test); items as a, b (train), c (valid), d (test).
    private const string Train = Header + "u9\ta\t4\t1\nu9\tb\t5\t2\nu3\tb\t3\t3\n";
    private const string Valid = Header + "u9\tc\t4\t4\n";
    private const string Test = Header + "u3\ta\t2\t5\nu5\td\t1\t6\n";

    [Fact]
    public void Maps_ids_consistently_across_the_three_files()
    {
        var split = GivenSplit.FromFiles(Parse(Train), Parse(Valid), Parse(Test));

        Assert.Equal(["u9", "u3", "u5"], Enumerable.Range(0, split.UserCount).Select(split.Users.IdOf));
        Assert.Equal(["a", "b", "c", "d"], Enumerable.Range(0, split.ItemCount).Select(split.Items.IdOf));
        foreach (var set in new[] { split.Train, split.Valid, split.Test })
        {
            Assert.Equal(3, set.UserCount);
            Assert.Equal(4, set.ItemCount);
        }
        Assert.Equal([0, 1], split.Train.ItemsOf(0).ToArray());
        Assert.Equal([1], split.Train.ItemsOf(1).ToArray());
        Assert.Equal([2], split.Valid.ItemsOf(0).ToArray());
        Assert.Equal([0], split.Test.ItemsOf(1).ToArray());
        Assert.Equal([3], split.Test.ItemsOf(2).ToArray());
        Assert.Equal(0, split.Train.CountOf(2)); // u5 only has a test interaction
    }

    [Fact]
    public void Loads_name_dot_part_dot_inter_from_a_folder()
    {
        var folder = Directory.CreateTempSubdirectory("given-split-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "toy.train.inter"), Train);
            File.WriteAllText(Path.Combine(folder, "toy.valid.inter"), Valid);
            File.WriteAllText(Path.Combine(folder, "toy.test.inter"), Test);

            var split = GivenSplit.Load(folder, "toy");

            Assert.Equal((3, 1, 2), (split.Train.Count, split.Valid.Count, split.Test.Count));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Requires_user_and_item_token_columns()
    {
        var noItem = Parse("user_id:token\trating:float\nu1\t3\n");

        Assert.Throws<FormatException>(() => GivenSplit.FromFiles(noItem, Parse(Valid), Parse(Test)));
    }

    private static AtomicFile Parse(string text) => AtomicFile.Parse(new StringReader(text));
}
