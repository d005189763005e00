using ContentGrains.Analysis.Performance;
using ContentGrains.Core.Performance;
using ContentGrains.Core.Topics;

namespace ContentGrains.Analysis.Tests.Performance;

/// <summary>
/// The live CTR fit on a generated catalog with a planted CTR by format (videos 8 %, articles 2 %), through the real
/// LightGBM trainer and the stored artifact: a new video is predicted above a new article, the held-out score beats the
/// global mean, and a young catalog is refused.
/// </summary>
public sealed class CatalogCtrFitterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly CatalogCtrOptions Options = new(MinImpressions: 50, MinItems: 20);

    // 60 videos and 60 articles, 200 impressions each; every other video by "kim"; 10 articles with too little traffic.
    private static List<CtrTrafficItem> Catalog()
    {
        var items = new List<CtrTrafficItem>();
        for (var i = 0; i < 60; i++)
        {
            items.Add(Item($"video-{i}", "video", i % 2 == 0 ? "kim" : null, new CtrOutcome(200, 16)));
            items.Add(Item($"article-{i}", "article", null, new CtrOutcome(200, 4)));
        }
        for (var i = 0; i < 10; i++) items.Add(Item($"quiet-{i}", "article", null, new CtrOutcome(10, 5)));
        return items;
    }

    private static CtrTrafficItem Item(string id, string format, string? creator, CtrOutcome outcome) =>
        new(ItemCtrFacts.Of(id, ["news"], format, ["web"], Now.AddHours(-3), "a five word title here", null), creator, outcome);

    [Fact]
    public void A_new_video_is_predicted_above_a_new_article_after_the_stored_model_is_loaded()
    {
        var format = new LightGbmCtrFormat();
        var (predictor, report) = new CatalogCtrFitter(format.Trainer, Options).Fit(Catalog(), Now);
        var (storedReport, model) = CtrModelArtifact.Read(CtrModelArtifact.Write(report, format.Save(predictor)));
        var served = new ServedCtrModel(format.Load(model), storedReport, 1);

        var video = served.Predict(Item("video-new", "video", null, default).Facts, null);
        var article = served.Predict(Item("article-new", "article", null, default).Facts, null);

        Assert.Equal(120, report.Rows); // the ten quiet articles are not rows
        Assert.Equal(report.Rows, report.TrainingItems + report.HeldOutItems);
        Assert.InRange(report.HeldOutItems, 12, 36); // 20 % of 120, by hash
        Assert.InRange(report.MeanCtr, 0.04, 0.06); // (16 + 4) / 400 when the training items split evenly between formats
        Assert.InRange(video.PredictedCtr, 0.06, 0.10);
        Assert.InRange(article.PredictedCtr, 0.01, 0.035);
        Assert.Equal(video.PredictedCtr, served.PredictedCtr("video-new"));
        Assert.Contains(video.TopFeatures, f => f.Feature == "format=video"); // every format column's gain, named by the item's format
        Assert.DoesNotContain(video.TopFeatures, f => f.Feature == "format=article");
        Assert.DoesNotContain(video.TopFeatures, f => f.Feature.StartsWith("creator", StringComparison.Ordinal)); // no creator: no creator record
        Assert.Equal(report.Creators["kim"], storedReport.Creators["kim"]);
        Assert.Equal(new CreatorHistory(30 * 200, 30 * 16), storedReport.Creators["kim"]);
    }

    [Fact]
    public void The_held_out_items_are_scored_better_than_by_the_global_mean()
    {
        var (_, report) = new CatalogCtrFitter(new LightGbmCtrTrainer(), Options).Fit(Catalog(), Now);

        var heldOut = Assert.IsType<CtrHeldOut>(report.HeldOut);
        Assert.Equal(0.5, heldOut.MeanAuc, 9);
        Assert.True(heldOut.Auc > 0.6, $"held-out AUC {heldOut.Auc:F3}");
        Assert.True(heldOut.LogLoss < heldOut.MeanLogLoss, $"held-out log-loss {heldOut.LogLoss:F4} against the mean's {heldOut.MeanLogLoss:F4}");
        Assert.StartsWith("format=", report.Importances[0].Feature); // the planted cause leads
    }

    [Fact]
    public void Too_few_items_with_traffic_is_refused_with_the_counts()
    {
        var young = Catalog().Take(15).ToList();

        var error = Assert.Throws<TooFewItemsException>(() => new CatalogCtrFitter(new LightGbmCtrTrainer(), Options).Fit(young, Now));

        Assert.StartsWith("15 items have 50+ impressions; the CTR model needs 20", error.Message);
    }
}
