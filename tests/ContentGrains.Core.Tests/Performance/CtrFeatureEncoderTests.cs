using ContentGrains.Core.Performance;

namespace ContentGrains.Core.Tests.Performance;

public sealed class CtrFeatureEncoderTests
{
    private static CtrExample Example(string? topic, long shown, long clicked, float[]? vector = null) =>
        new(new CtrFacts("i", topic, "video", null, 19, 8, null, new CreatorHistory(30, 3), vector), new CtrOutcome(shown, clicked));

    [Fact]
    public void Topics_seen_often_enough_become_one_hot_columns_and_the_rest_all_zeros()
    {
        var training = Enumerable.Range(0, 6).Select(_ => Example("sports", 10, 1)).Append(Example("rare", 10, 1)).ToList();
        var encoder = CtrFeatureEncoder.Fit(training, useText: false, minItems: 5);

        Assert.Equal(["topic=sports", "format=video", "hour", "title words", "text words", "creator ctr so far", "creator impressions so far (log)"], encoder.Names);
        var sports = encoder.Encode(training[0].Facts);
        Assert.Equal([1f, 1f, 19f, 8f], sports[..4]);
        Assert.True(float.IsNaN(sports[4]), "an unknown text length is NaN, not 0");
        Assert.Equal(0f, encoder.Encode(training[6].Facts)[0]);
    }

    [Fact]
    public void A_creators_record_is_smoothed_toward_the_training_mean()
    {
        // Training mean 7 / 70 = 0.1; creator 3 clicks in 30: (3 + 0.1·20) / (30 + 20) = 0.1.
        // 5 clicks in 30: (5 + 2) / 50 = 0.14.
        var encoder = CtrFeatureEncoder.Fit([Example("a", 70, 7)], useText: false, minItems: 1);

        Assert.Equal(0.1, encoder.MeanCtr, 12);
        Assert.Equal(0.14, encoder.CreatorCtr(new CreatorHistory(30, 5)), 12);
        Assert.Equal((float)Math.Log(31), encoder.Encode(Example("a", 1, 0).Facts)[^1], 6);
    }

    [Fact]
    public void Text_vector_dimensions_follow_the_other_features_and_are_NaN_without_text()
    {
        var encoder = CtrFeatureEncoder.Fit([Example("a", 10, 1, [0.5f, -0.5f]), Example("a", 10, 1)], useText: true, minItems: 1);

        Assert.Equal(["text_0", "text_1"], encoder.Names.TakeLast(2));
        Assert.Equal([0.5f, -0.5f], encoder.Encode(Example("a", 1, 0, [0.5f, -0.5f]).Facts)[^2..]);
        Assert.All(encoder.Encode(Example("a", 1, 0).Facts)[^2..], v => Assert.True(float.IsNaN(v)));
    }
}
