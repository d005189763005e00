using ContentGrains.Core.Evaluation;
using Xunit.Abstractions;

namespace ContentGrains.Training.Tests;

/// <summary>
/// BPR on RecBole's given split of MovieLens-100k must at least match RecBole 1.2.1's BPR (test NDCG@10 0.2928).
/// The data is not part of the project (see ../shared/data/README.md): when it is absent the test fails, saying so.
/// </summary>
[Trait("data", "ml-100k")]
public class Ml100kBprTests(ITestOutputHelper output)
{
    private const double RecBoleBprTestNdcg = 0.2928;

    [Fact]
    public void Default_bpr_reaches_recbole_bpr_on_the_given_split()
    {
        var (split, model) = Ml100kBpr.Get();

        var evaluator = new FullRankingEvaluator(10);
        var valid = evaluator.EvaluateValidation(model, split);
        var test = evaluator.EvaluateTest(model, split);
        output.WriteLine($"{model.LastFit}\nvalid {valid}\ntest  {test}");
        Assert.True(test.Metrics.Ndcg >= RecBoleBprTestNdcg, $"test NDCG@10 {test.Metrics.Ndcg:F4} < RecBole's {RecBoleBprTestNdcg}");
        Assert.Equal(model.LastFit!.BestValidationNdcg, valid.Metrics.Ndcg, 12);
    }
}
