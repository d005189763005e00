using ContentGrains.Core.Rules;

namespace ContentGrains.Core.Tests.Rules;

/// <summary>FP-Growth against hand-counted itemsets and against the brute-force count on random baskets.</summary>
public class FpGrowthTests
{
    // The textbook example (Han et al.): 5 baskets.
    private static readonly Baskets Shop = Baskets.From([
        ["bread", "milk"],
        ["bread", "diapers", "beer", "eggs"],
        ["milk", "diapers", "beer", "cola"],
        ["bread", "milk", "diapers", "beer"],
        ["bread", "milk", "diapers", "cola"],
    ]);

    private static Dictionary<string, int> Named(Baskets baskets, IEnumerable<FrequentItemset> sets) =>
        sets.ToDictionary(s => string.Join('+', s.Items.Select(baskets.Items.IdOf).Order(StringComparer.Ordinal)), s => s.Count);

    [Fact]
    public void Finds_the_hand_counted_itemsets_of_the_shop_example()
    {
        var found = Named(Shop, FpGrowth.Mine(Shop, minCount: 3, maxSize: 3));

        var expected = new Dictionary<string, int>
        {
            ["bread"] = 4, ["milk"] = 4, ["diapers"] = 4, ["beer"] = 3,
            ["bread+milk"] = 3, ["bread+diapers"] = 3, ["diapers+milk"] = 3, ["beer+diapers"] = 3,
        };
        Assert.Equal(expected.OrderBy(kv => kv.Key), found.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void Rules_of_the_shop_example_have_hand_computed_support_confidence_and_lift()
    {
        var mined = MinedRules.Mine(Shop, new RuleMiningOptions { MinSupport = 0.6, MinConfidence = 0.7, MinLift = 0 }, "test");

        // beer ⇒ diapers: both in 3 of 5 baskets, beer in 3, diapers in 4: confidence 1, lift 1 / 0.8 = 1.25.
        var beer = Assert.Single(mined.Rules, r => r.If.SequenceEqual(["beer"]));
        Assert.Equal(["diapers"], beer.Then);
        Assert.Equal(3, beer.Count);
        Assert.Equal(0.6, beer.Support, 12);
        Assert.Equal(1.0, beer.Confidence, 12);
        Assert.Equal(1.25, beer.Lift, 12);
        // diapers ⇒ beer: 3 / 4 = 0.75, lift 0.75 / 0.6 = 1.25; bread ⇒ milk: 0.75, lift 0.75 / 0.8 = 0.9375.
        var diapers = Assert.Single(mined.Rules, r => r.If.SequenceEqual(["diapers"]) && r.Then.SequenceEqual(["beer"]));
        Assert.Equal(0.75, diapers.Confidence, 12);
        Assert.Equal(1.25, diapers.Lift, 12);
        Assert.Equal(0.9375, Assert.Single(mined.Rules, r => r.If.SequenceEqual(["bread"]) && r.Then.SequenceEqual(["milk"])).Lift, 12);
        Assert.Equal(8, mined.RulesFound); // the 4 frequent pairs both ways, each at confidence 0.75 or 1; no triple reaches 3 baskets
    }

    [Fact]
    public void Min_lift_drops_the_negatively_associated_rules()
    {
        var mined = MinedRules.Mine(Shop, new RuleMiningOptions { MinSupport = 0.6, MinConfidence = 0, MinLift = 1.0 }, "test");

        // Lifts: beer-diapers 1.25 (both ways); bread-milk, bread-diapers, milk-diapers 0.9375 (both ways).
        Assert.Equal(2, mined.RulesFound);
        Assert.All(mined.Rules, r => Assert.Equal(1.25, r.Lift, 12));
    }

    [Theory]
    [InlineData(1, 40, 12, 0.05, 2, 3)]
    [InlineData(2, 200, 30, 0.02, 3, 4)]
    [InlineData(3, 500, 60, 0.01, 4, 3)]
    [InlineData(4, 120, 8, 0.2, 1, 8)]
    public void Itemsets_and_rules_equal_brute_force_on_random_baskets(int seed, int basketCount, int itemCount, double minSupport, int skew, int maxSize)
    {
        var baskets = RandomBaskets(seed, basketCount, itemCount, skew);
        var options = new RuleMiningOptions { MinSupport = minSupport, MinConfidence = 0.05, MinLift = 0, MaxSize = maxSize };
        var minCount = baskets.MinCount(minSupport);

        var fp = FpGrowth.Mine(baskets, minCount, maxSize);
        var brute = BruteForceMiner.Mine(baskets, minCount, maxSize);

        Assert.True(fp.Count(s => s.Items.Length >= 2) > 10, $"too few itemsets to be a test: {fp.Count}");
        Assert.Equal(brute.ToDictionary(s => s.Key, s => s.Count).OrderBy(kv => kv.Key), fp.ToDictionary(s => s.Key, s => s.Count).OrderBy(kv => kv.Key));
        var fpRules = RuleGenerator.Generate(fp, baskets.Count, options).ToDictionary(r => r.Key);
        var bruteRules = BruteForceMiner.Rules(baskets, brute, options).ToDictionary(r => r.Key);
        Assert.Equal(bruteRules.Keys.Order(), fpRules.Keys.Order());
        foreach (var (key, rule) in bruteRules)
        {
            Assert.Equal(rule.Count, fpRules[key].Count);
            Assert.Equal(rule.Confidence, fpRules[key].Confidence, 12);
            Assert.Equal(rule.Lift, fpRules[key].Lift, 12);
        }
    }

    [Fact]
    public void Max_size_caps_the_itemsets()
    {
        var baskets = RandomBaskets(7, 300, 10, 1);

        var capped = FpGrowth.Mine(baskets, 3, 2);

        Assert.All(capped, s => Assert.InRange(s.Items.Length, 1, 2));
        Assert.Equal(BruteForceMiner.Mine(baskets, 3, 2).Count, capped.Count);
    }

    [Fact]
    public void Bad_settings_name_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => new RuleMiningOptions { MinSupport = 0 }.Validated());
        Assert.Equal("minSupport", error.ParamName);
        Assert.Equal("maxSize", Assert.Throws<ArgumentException>(() => new RuleMiningOptions { MaxSize = 1 }.Validated()).ParamName);
        Assert.Equal("minConfidence", Assert.Throws<ArgumentException>(() => new RuleMiningOptions { MinConfidence = 1.5 }.Validated()).ParamName);
    }

    /// <summary>Baskets of 1..8 items where low item numbers are more likely (skew), so some sets are frequent.</summary>
    private static Baskets RandomBaskets(int seed, int count, int items, int skew)
    {
        var random = new Random(seed);
        return Baskets.From(Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, random.Next(1, 9))
            .Select(_ => Enumerable.Range(0, skew).Select(_ => random.Next(items)).Min())
            .Select(i => "i" + i).ToList()));
    }
}
