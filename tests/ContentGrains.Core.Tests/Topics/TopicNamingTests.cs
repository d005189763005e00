using ContentGrains.Core.Topics;

namespace ContentGrains.Core.Tests.Topics;

/// <summary>c-TF-IDF, NPMI coherence, topic words and mixtures against hand-computed values.</summary>
public sealed class TopicNamingTests
{
    [Fact]
    public void Class_tf_idf_weighs_words_as_computed_by_hand()
    {
        // Topic 0: apple apple pie (3 words); topic 1: pie car (2). Counts overall: apple 2, pie 2, car 1; A = 5 / 2 = 2.5.
        // apple in 0: 2/3 · ln(1 + 2.5/2) = 0.540620; pie in 0: 1/3 · ln 2.25 = 0.270310
        // car in 1: 1/2 · ln(1 + 2.5/1) = 0.626381; pie in 1: 1/2 · ln 2.25 = 0.405465
        var words = ClassTfIdf.TopWords([["apple", "pie"], ["apple"], ["pie", "car"]], [0, 0, 1], k: 2, top: 5);

        Assert.Equal(["apple", "pie"], words[0].Select(w => w.Word));
        Assert.Equal(0.540620, words[0][0].Weight, 6);
        Assert.Equal(0.270310, words[0][1].Weight, 6);
        Assert.Equal(["car", "pie"], words[1].Select(w => w.Word));
        Assert.Equal(0.626381, words[1][0].Weight, 6);
        Assert.Equal(0.405465, words[1][1].Weight, 6);
    }

    [Fact]
    public void Npmi_coherence_matches_the_hand_computed_value()
    {
        // 4 documents: {a,b}, {a,b}, {a}, {c}. NPMI(a,b) = ln(.5 / (.75 · .5)) / -ln .5 = 0.415037; (a,c), (b,c) never together: -1.
        var coherence = new NpmiCoherence([["a", "b"], ["a", "b"], ["a"], ["c"]]);
        Assert.Equal(0.415037, coherence.Of(["a", "b"]), 6);
        Assert.Equal((0.415037 - 2) / 3, coherence.Of(["a", "b", "c"]), 6);
        Assert.Equal(0.415037, coherence.Of(["a", "b", "unknown"]), 6);
    }

    [Fact]
    public void Topic_words_drop_stop_words_short_words_and_numbers()
    {
        Assert.Equal(["trumps", "rally", "ohio", "drew", "crowd"], TopicWords.Of("Trump's rally in Ohio drew a 2,000 crowd, and the..."));
    }

    [Fact]
    public void Mixture_is_a_softmax_of_cosines_over_the_temperature()
    {
        // Cosines 1 and 0 at temperature 1: e / (e + 1) = 0.731059.
        var mixture = TopicMixture.Of([1f, 0f], [[1f, 0f], [0f, 1f]], temperature: 1f);
        Assert.Equal(0.731059, mixture[0], 5);
        Assert.Equal(1.0, mixture.Sum(), 5);
        var error = Assert.Throws<ArgumentException>(() => TopicMixture.Of([1f, 0f, 0f], [[1f, 0f]]));
        Assert.Contains("3 dimensions, centroid 0 has 2", error.Message);
    }
}
