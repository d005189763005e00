using ContentGrains.Core.Sentiment;

namespace ContentGrains.Core.Tests.Sentiment;

/// <summary>The term sets and the two-view model: negation scope, character grams, averaged views, and the first models' format still scored as before.</summary>
public sealed class SentimentTermsTests
{
    [Fact]
    public void A_negation_marks_every_word_up_to_the_next_clause_punctuation()
    {
        Assert.Equal(["i", "did", "not", "not_like", "not_the", "not_food", "but", "service", "was", "good"],
            SentimentTermLists.ScopedWords("I did not like the food, but service was good."));
        Assert.Equal(["didn't", "not_enjoy", "not_it", "great"], SentimentTermLists.ScopedWords("Didn't enjoy it! Great"));
        Assert.Equal(["never", "not_again"], SentimentTermLists.ScopedWords("Never again"));
    }

    [Fact]
    public void Character_grams_run_from_three_to_five_over_the_spaced_words()
    {
        // " ok " has 2 trigrams, 1 four-gram and no five-gram.
        Assert.Equal(["# ok", "#ok ", "# ok "], SentimentTermLists.CharacterGrams(["ok"]));
        var terms = SentimentTermLists.Of("Not bad", SentimentTerms.NegationAndCharacters).ToList();
        Assert.Contains("not_bad", terms);
        Assert.Contains("not not_bad", terms);
        Assert.DoesNotContain("bad", terms);
        Assert.Contains("#bad", terms);                     // grams come from the plain words: "bad" shares them with "bad" elsewhere
        Assert.Equal(["not", "not bad", "bad"], SentimentTermLists.Of("Not bad", SentimentTerms.WordsAndPairs));
    }

    [Fact]
    public void A_two_view_model_averages_its_vector_and_terms_probabilities()
    {
        var idf = Enumerable.Repeat(1.0, TfIdfVocabulary.Buckets).ToArray();
        var sparse = new double[TfIdfVocabulary.Buckets];                 // the terms view leans on its bias only
        var model = new SentimentModel("toy", 2, 1e-3, idf, [2, 0], sparse, 0, WordsBias: Math.Log(3), WordsL2: 1e-3, Terms: SentimentTerms.NegationAndCharacters);

        var p = model.Score([[1f, 0f]], ["good"])[0];

        // Vector view: sigmoid(2) = 0.880797; terms view: sigmoid(ln 3) = 0.75.
        Assert.Equal((0.880797 + 0.75) / 2, p, 5);
        var roundTrip = SentimentModel.FromJson(model.ToJsonBytes());
        Assert.Equal((SentimentTerms.NegationAndCharacters, Math.Log(3)), (roundTrip.Terms, roundTrip.WordsBias!.Value));
    }

    [Fact]
    public void A_model_stored_before_the_two_views_is_one_regression_over_words_and_pairs()
    {
        var sparse = new double[TfIdfVocabulary.Buckets];
        sparse[TfIdfVocabulary.Terms("good").Single()] = 3;
        var json = System.Text.Json.JsonSerializer.Serialize(new
        {
            encoder = "toy", dimensions = 2, l2 = 1e-3, idf = Enumerable.Repeat(1.0, TfIdfVocabulary.Buckets), denseWeights = new[] { 1.0, 0 },
            sparseWeights = sparse, bias = -1.0,
        });

        var model = SentimentModel.FromJson(System.Text.Encoding.UTF8.GetBytes(json));

        Assert.Equal((SentimentTerms.WordsAndPairs, (double?)null), (model.Terms, model.WordsBias));
        // One margin: 1·1 (vector) + 3·1 ("good", the only term, unit length) − 1 = 3.
        Assert.Equal(1 / (1 + Math.Exp(-3)), model.Score([[1f, 0f]], ["good"])[0], 9);
    }
}
