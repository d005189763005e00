using ContentGrains.Analysis.Performance;
using ContentGrains.Core.Performance;

namespace ContentGrains.Analysis.Tests.Performance;

/// <summary>A fitted CTR predictor survives the model store's bytes: same predictions, same importances.</summary>
public sealed class LightGbmCtrCodecTests
{
    private static CtrExample Item(int i) => new(
        new CtrFacts($"i{i}", i % 2 == 0 ? "sports" : "politics", "video", "web", i % 24, 5 + i % 7, null, new CreatorHistory(100, i % 2 == 0 ? 10 : 2), null),
        new CtrOutcome(200, i % 2 == 0 ? 24 : 4));

    [Fact]
    public void A_saved_predictor_loads_and_predicts_the_same_rates()
    {
        var training = Enumerable.Range(0, 120).Select(Item).ToList();
        var fitted = CtrPredictor.Fit(new LightGbmCtrTrainer(), training, useText: false);
        var facts = training.Take(4).Select(e => e.Facts).ToList();

        var loaded = LightGbmCtrCodec.Load(LightGbmCtrCodec.Save(fitted));

        Assert.Equal(fitted.Predict(facts), loaded.Predict(facts));
        Assert.Equal(0.12, loaded.Predict(facts)[0], 2);
        Assert.Equal(fitted.Encoder.Names, loaded.Encoder.Names);
        Assert.Equal(fitted.Model.Importances, loaded.Model.Importances);
    }

    [Fact]
    public void Bytes_that_are_not_a_ctr_model_are_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => LightGbmCtrCodec.Load([3, 1, 2, 3]));

        Assert.Contains("not a CTR model", error.Message);
    }
}
