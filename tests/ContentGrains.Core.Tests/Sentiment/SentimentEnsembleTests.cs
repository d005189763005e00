using ContentGrains.Core.Sentiment;

namespace ContentGrains.Core.Tests.Sentiment;

/// <summary>The naive-Bayes term weights and the model whose views are means of per-penalty fits, on hand-computed cases.</summary>
public class SentimentEnsembleTests
{
    [Fact]
    public void Naive_bayes_weights_match_a_hand_computed_case_and_count_a_bucket_once_per_text()
    {
        // Four buckets. Positives hold {0} and {0, 1} (bucket 0 twice in the second text), the negative holds {2}.
        // With one added everywhere: positive counts 3, 2, 1, 1 (sum 7), negative 1, 1, 2, 1 (sum 5).
        var weights = NaiveBayesTermWeights.Of([([0], true), ([0, 1, 0], true), ([2], false)], 4);

        Assert.Equal(Math.Log(3 / 7.0 / (1 / 5.0)), weights[0], 12); // ln(15/7) = 0.762
        Assert.Equal(Math.Log(2 / 7.0 / (1 / 5.0)), weights[1], 12); // ln(10/7) = 0.357
        Assert.Equal(Math.Log(2 / 5.0 / (1 / 7.0)), weights[2], 12); // |ln(5/14)| = 1.030: leaning negative weighs too
        Assert.Equal(Math.Log(7 / 5.0), weights[3], 12);               // unseen: |ln(5/7)|
    }

    [Fact]
    public void A_reweighted_vocabulary_multiplies_each_idf_and_a_wrong_table_size_names_the_factors()
    {
        var vocabulary = TfIdfVocabulary.Fit(["good food", "bad food"], SentimentTrainer.Terms);
        var factors = Enumerable.Range(0, TfIdfVocabulary.Buckets).Select(b => b % 2 == 0 ? 2.0 : 0.5).ToArray();

        var reweighted = vocabulary.Reweighted(factors);

        Assert.Equal(vocabulary.Idf[10] * 2, reweighted.Idf[10], 12);
        Assert.Equal(vocabulary.Idf[11] * 0.5, reweighted.Idf[11], 12);
        Assert.Equal(SentimentTrainer.Terms, reweighted.TermSet);
        Assert.Equal("factors", Assert.Throws<ArgumentException>(() => vocabulary.Reweighted([1.0])).ParamName);
    }

    [Fact]
    public void Each_view_is_the_mean_of_its_fits_and_the_model_the_mean_of_its_views_after_a_json_round_trip()
    {
        var ln3 = (float)Math.Log(3);
        var noTerms = new double[TfIdfVocabulary.Buckets];
        var vocabulary = new TfIdfVocabulary(Enumerable.Repeat(1.0, TfIdfVocabulary.Buckets).ToArray(), SentimentTrainer.Terms);
        // Vector fits: σ(1 · ln 3) = 0.75 and σ(0) = 0.5, mean 0.625. Terms fit: no weights, bias ln 3, so 0.75.
        var model = SentimentModel.FromJson(SentimentModel.From("toy", 2, vocabulary,
            [new SentimentViewFit(1e-4, [1, 0], 0), new SentimentViewFit(1e-3, [0, 0], 0)], [new SentimentViewFit(1e-4, noTerms, Math.Log(3))]).ToJsonBytes());

        var score = model.Score([new[] { ln3, 0f }], ["any words at all"]).Single();

        Assert.Equal((0.625 + 0.75) / 2, score, 6);
        Assert.Equal([1e-4, 1e-3], model.VectorPenalties);
    }
}
