using ContentGrains.Core.Sentiment;
using ContentGrains.Core.Text;

namespace ContentGrains.Core.Tests.Sentiment;

public class SentimentClassifierTests
{
    [Fact]
    public void Words_keep_apostrophes_and_lower_case_and_terms_add_adjacent_pairs()
    {
        Assert.Equal(["didn't", "like", "it", "10", "stars"], TfIdfVocabulary.Words("Didn't LIKE it... 10 stars!"));
        Assert.Equal(3, TfIdfVocabulary.Terms("not good").Count()); // "not", "not good", "good"
    }

    [Fact]
    public void Tf_idf_rows_are_unit_length_and_rarer_words_weigh_more()
    {
        var vocabulary = TfIdfVocabulary.Fit(["good food", "good service", "bad food"]);

        var (index, value) = vocabulary.Transform("good bad");

        Assert.Equal(1.0, value.Sum(v => (double)v * v), 5);
        var good = Array.IndexOf(index, TfIdfVocabulary.Terms("good").Single());
        var bad = Array.IndexOf(index, TfIdfVocabulary.Terms("bad").Single());
        // idf(good) = ln(4/3) + 1 = 1.2877, idf(bad) = ln(4/2) + 1 = 1.6931, each counted once.
        Assert.Equal(1.6931 / 1.2877, value[bad] / value[good], 3);
    }

    [Fact]
    public void Logistic_regression_separates_words_it_was_trained_on_and_is_unsure_of_unseen_ones()
    {
        string[] texts = ["great", "great fun", "lovely", "awful", "awful mess", "dreadful"];
        bool[] labels = [true, true, true, false, false, false];
        var vocabulary = TfIdfVocabulary.Fit(texts);
        var zero = new float[2];
        var fit = LogisticRegression.Fit(texts.Select(t => SentimentTrainer.Features(zero, vocabulary, t)).ToList(), labels, l2: 1e-3, iterations: 500);

        Assert.True(fit.Probability(SentimentTrainer.Features(zero, vocabulary, "great")) > 0.8);
        Assert.True(fit.Probability(SentimentTrainer.Features(zero, vocabulary, "awful")) < 0.2);
        Assert.Equal(0.5, fit.Probability(SentimentTrainer.Features(zero, vocabulary, "unseen words")), 1);
    }

    [Fact]
    public void The_largest_eigenvalue_matches_a_hand_computed_case()
    {
        // Rows (1, 0 | bias 1) and (0, 1 | bias 1): XᵀX / 2 = [[.5, 0, .5], [0, .5, .5], [.5, .5, 1]], eigenvalues 0, 0.5, 1.5.
        var xs = new[] { new SentimentFeatures([1, 0], [], []), new SentimentFeatures([0, 1], [], []) };

        Assert.Equal(1.5, LogisticRegression.LargestEigenvalue(xs, 2, 2 + TfIdfVocabulary.Buckets + 1), 6);
    }

    [Fact]
    public void Cross_validation_on_a_learnable_problem_is_accurate_and_the_model_round_trips()
    {
        // Sentences whose label follows one word; the "vectors" are a fixed encoder's (a word-presence toy encoder).
        var random = new Random(3);
        var sentences = Enumerable.Range(0, 120).Select(i =>
            new LabelledSentence($"{(i % 2 == 0 ? "excellent" : "terrible")} item number {random.Next(1000)}", i % 2 == 0)).ToList();
        var encoder = new WordEncoder();
        var vectors = encoder.Encode(sentences.Select(s => s.Text).ToList());

        var folds = SentimentTrainer.CrossValidate(sentences, vectors, folds: 4);
        var model = SentimentModel.FromJson(SentimentTrainer.Train("word", sentences, vectors).ToJsonBytes());

        Assert.Equal(4, folds.Count);
        Assert.All(folds, f => Assert.Equal(1.0, f.Accuracy));
        Assert.Equal(SentimentTrainer.Penalties, model.VectorPenalties);
        Assert.Equal(SentimentTrainer.Penalties, model.WordsFits!.Select(f => f.L2));
        var scores = model.Score(encoder, ["an excellent thing", "a terrible thing"]);
        Assert.True(scores[0] > 0.5 && scores[1] < 0.5, string.Join(", ", scores));
    }

    [Fact]
    public void A_bad_label_names_the_file_and_line()
    {
        var folder = Directory.CreateTempSubdirectory();
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "x_labelled.txt"), "fine\t1\nbroken line\n");
            var error = Assert.Throws<FormatException>(() => LabelledSentence.ReadFolder(folder.FullName));
            Assert.Contains("x_labelled.txt line 2", error.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A 2-dimension unit vector: (1, 0) when the text says "excellent", else (0, 1).</summary>
    private sealed class WordEncoder : ITextEncoder
    {
        public int Dimensions => 2;

        public float[][] Encode(IReadOnlyList<string> texts) =>
            texts.Select(t => t.Contains("excellent") ? new float[] { 1, 0 } : [0, 1]).ToArray();
    }
}
