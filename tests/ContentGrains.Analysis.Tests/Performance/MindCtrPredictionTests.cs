using ContentGrains.Analysis.Performance;
using ContentGrains.Core.Click.Mind;
using ContentGrains.Core.Performance;
using ContentGrains.Testing;

namespace ContentGrains.Analysis.Tests.Performance;

/// <summary>
/// The cold-start CTR task on MIND's real impressions (9-14 Nov 2019): LightGBM fitted on articles first shown before
/// 14 Nov, judged on those first shown on the 14th. The figures are small (pre-traffic facts barely predict CTR here;
/// docs/content-strategy.md, "Content performance prediction"), so the test pins what they are: the split, a model no worse calibrated than the mean, and the
/// feature the trees leaned on.
/// </summary>
public sealed class MindCtrPredictionTests
{
    private static readonly DateTimeOffset LastDay = new(2019, 11, 14, 0, 0, 0, TimeSpan.Zero);

    private static MindCtrSplit Split()
    {
        var folder = RepositoryPaths.RequireSharedData("mind-news-sample", "behaviors.tsv");
        return MindCtrSplit.Build(MindReader.ReadBehaviors(Path.Combine(folder, "behaviors.tsv")), MindReader.ReadNews(Path.Combine(folder, "news.tsv")), LastDay);
    }

    [Fact]
    public void Articles_first_shown_on_the_last_day_are_the_test()
    {
        var split = Split();

        Assert.Equal((6165, 1292), (split.Training.Count, split.Test.Count));
        Assert.Equal((24615L, 1039L), (split.Test.Sum(e => e.Outcome.Impressions), split.Test.Sum(e => e.Outcome.Clicks)));
        // news.tsv is a sample independent of the impressions: few shown articles have a category, lengths and text.
        Assert.Equal((243, 41), (split.Training.Count(e => e.Facts.Topic is not null), split.Test.Count(e => e.Facts.Topic is not null)));
    }

    [Fact]
    public void LightGbm_ranks_the_new_articles_a_little_better_than_the_mean_and_stays_calibrated()
    {
        var split = Split();
        var predictor = CtrPredictor.Fit(new LightGbmCtrTrainer(), split.Training, useText: false);
        var facts = split.Test.Select(e => e.Facts).ToList();
        var outcomes = split.Test.Select(e => e.Outcome).ToList();

        var model = CtrMetrics.Of(outcomes, predictor.Predict(facts));
        var mean = CtrMetrics.Of(outcomes, CtrBaselines.GlobalMean(predictor.Encoder, facts));

        Assert.InRange(model.Auc, 0.505, 0.6);
        Assert.Equal(0.5, mean.Auc, 12);
        Assert.InRange(model.LogLoss, 0.99 * mean.LogLoss, 1.01 * mean.LogLoss);
        Assert.Equal("hour", predictor.Model.Importances[0].Feature);
    }
}
