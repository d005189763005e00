using ContentGrains.Core.Topics;

namespace ContentGrains.Core.Tests.Topics;

/// <summary>NMI against hand-computed values and the cases scikit-learn's documentation states.</summary>
public sealed class NormalizedMutualInformationTests
{
    [Fact]
    public void Renamed_labels_agree_fully()
    {
        // scikit-learn: normalized_mutual_info_score([0, 0, 1, 1], [1, 1, 0, 0]) == 1.0
        Assert.Equal(1.0, NormalizedMutualInformation.Between([0, 0, 1, 1], ["b", "b", "a", "a"]), 12);
    }

    [Fact]
    public void Every_item_in_its_own_cluster_against_one_class_is_zero()
    {
        // scikit-learn's documentation: normalized_mutual_info_score([0, 0, 0, 0], [0, 1, 2, 3]) == 0.0
        Assert.Equal(0.0, NormalizedMutualInformation.Between([0, 0, 0, 0], [0, 1, 2, 3]), 12);
    }

    [Fact]
    public void Partial_agreement_matches_the_hand_computed_value()
    {
        // Classes [0,0,1,1], clusters [0,0,0,1]. p(class)=(.5,.5), p(cluster)=(.75,.25), joint cells .5, .25, .25:
        // MI = .5 ln(.5/.375) + .25 ln(.25/.375) + .25 ln(.25/.125) = 0.2157616
        // H(class) = ln 2 = 0.6931472, H(cluster) = -(.75 ln .75 + .25 ln .25) = 0.5623351, NMI = MI / mean = 0.343711
        Assert.Equal(0.343711, NormalizedMutualInformation.Between([0, 0, 1, 1], [0, 0, 0, 1]), 6);
    }

    [Fact]
    public void Is_symmetric()
    {
        int[] a = [0, 1, 1, 2, 2, 2, 0, 1];
        int[] b = [1, 1, 0, 0, 2, 2, 1, 0];
        Assert.Equal(NormalizedMutualInformation.Between(a, b), NormalizedMutualInformation.Between(b, a), 12);
    }

    [Fact]
    public void Both_labelings_with_one_class_agree()
    {
        Assert.Equal(1.0, NormalizedMutualInformation.Between([3, 3, 3], ["x", "x", "x"]));
    }

    [Fact]
    public void Labelings_of_different_lengths_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => NormalizedMutualInformation.Between([0, 1], [0]));
        Assert.Contains("differ in length", error.Message);
    }
}
