using ContentGrains.Training.Click;

namespace ContentGrains.Training.Tests.Click;

/// <summary>Standardisation fitted on training rows, and what it does at serving to a feature that never varied in training.</summary>
public sealed class FeatureStandardisationTests
{
    [Fact]
    public void A_feature_constant_in_training_is_ignored_at_serving_and_the_others_are_standardised()
    {
        // Feature 0: 1, 3 (mean 2, deviation 1); feature 1: always 5 (its "missing" indicator, say).
        var (mean, scale) = FeatureStandardisation.Fit([1, 5, 3, 5], features: 2);

        Assert.Equal([2f, 5f], mean);
        Assert.Equal([1f, 0f], scale);
        // At serving feature 1 is 0: with the old scale of 1 it reached the untrained weights as −5.
        Assert.Equal([2f, 0f], FeatureStandardisation.Apply([4, 0], mean, scale));
    }
}
