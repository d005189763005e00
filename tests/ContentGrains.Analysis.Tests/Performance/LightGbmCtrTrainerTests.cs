using ContentGrains.Analysis.Performance;
using ContentGrains.Core.Performance;

namespace ContentGrains.Analysis.Tests.Performance;

/// <summary>LightGBM's native library, loaded through ML.NET on this machine, fitting rates it cannot miss.</summary>
public sealed class LightGbmCtrTrainerTests
{
    // 200 items, 500 impressions each: "video" items are clicked 10% of the time, the others 2%; "noise" is random.
    private static (List<float[]> Rows, List<CtrOutcome> Outcomes) Items()
    {
        var random = new Random(5);
        var rows = new List<float[]>();
        var outcomes = new List<CtrOutcome>();
        for (var i = 0; i < 200; i++)
        {
            var video = i % 2;
            rows.Add([video, (float)random.NextDouble()]);
            outcomes.Add(new CtrOutcome(500, video == 1 ? 50 : 10));
        }
        return (rows, outcomes);
    }

    [Fact]
    public void Fits_the_click_rate_of_each_kind_and_credits_the_feature_that_sets_it()
    {
        var (rows, outcomes) = Items();

        var model = new LightGbmCtrTrainer().Fit(rows, outcomes, ["video", "noise"]);

        var predicted = model.Predict([[1, 0.5f], [0, 0.5f]]);
        Assert.Equal(0.10, predicted[0], 2);
        Assert.Equal(0.02, predicted[1], 2);
        Assert.Equal("video", model.Importances[0].Feature);
        Assert.True(model.Importances[0].Share > 0.9, $"video's share of the gain is {model.Importances[0].Share:F3}");
    }

    [Fact]
    public void Rows_that_do_not_match_the_feature_names_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new LightGbmCtrTrainer().Fit([[1f]], [new CtrOutcome(10, 1)], ["video", "noise"]));

        Assert.Equal("rows", error.ParamName);
    }
}
