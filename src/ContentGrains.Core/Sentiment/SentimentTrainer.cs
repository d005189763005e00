namespace ContentGrains.Core.Sentiment;

/// <summary>Accuracy of one outer fold.</summary>
public sealed record FoldResult(int Fold, double Accuracy);

/// <summary>
/// Fits <see cref="SentimentModel"/> from labelled sentences and their sentence vectors (computed once: the encoder is
/// pretrained and never sees the labels). Two views whose probabilities are averaged: logistic regressions on the
/// vectors, and logistic regressions on TF-IDF of <see cref="SentimentTerms.NegationAndCharacters"/> terms with each
/// bucket's IDF multiplied by its naive-Bayes weight (<see cref="NaiveBayesTermWeights"/>, learned on the training
/// sentences only). Each view is fitted once per penalty of <see cref="Penalties"/> and its probability is the mean of
/// those fits: choosing one penalty by inner cross-validation was noisy (the chosen pair moved from fold to fold and
/// its accuracy by up to 0.009 on the same folds), and the mean over penalties needs no inner folds (docs/content-strategy.md, "Sentiment: mean over penalties and naive-Bayes weighted terms").
/// </summary>
public static class SentimentTrainer
{
    public static readonly double[] Penalties = [1e-4, 3e-4, 1e-3];
    public const SentimentTerms Terms = SentimentTerms.NegationAndCharacters;

    public static SentimentFeatures Features(float[] vector, TfIdfVocabulary vocabulary, string text)
    {
        var (index, value) = vocabulary.Transform(text);
        return new SentimentFeatures(vector, index, value);
    }

    /// <summary>Trains on all the sentences, each view fitted at every one of <see cref="Penalties"/>.</summary>
    public static SentimentModel Train(string encoder, IReadOnlyList<LabelledSentence> sentences, float[][] vectors) =>
        Fit(encoder, sentences, vectors, Enumerable.Range(0, sentences.Count).ToArray(), Penalties);

    /// <summary>Trains on all the sentences with one given penalty for both views (one fit each).</summary>
    public static SentimentModel Train(string encoder, IReadOnlyList<LabelledSentence> sentences, float[][] vectors, double l2)
    {
        if (!(l2 >= 0)) throw new ArgumentOutOfRangeException(nameof(l2), "the penalty must be zero or above");
        return Fit(encoder, sentences, vectors, Enumerable.Range(0, sentences.Count).ToArray(), [l2]);
    }

    /// <summary>Stratified <paramref name="folds"/>-fold accuracy, each fold's model fitted on its training part only.</summary>
    /// <param name="foldDone">Told each fold once it is scored (a caller's progress display).</param>
    public static List<FoldResult> CrossValidate(IReadOnlyList<LabelledSentence> sentences, float[][] vectors, int folds = 5, int seed = 1,
        Action<int>? foldDone = null)
    {
        var assignment = Folds(sentences, folds, seed);
        var results = new List<FoldResult>();
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, sentences.Count).Where(i => assignment[i] != f).ToArray();
            var test = Enumerable.Range(0, sentences.Count).Where(i => assignment[i] == f).ToArray();
            var model = Fit("fold", sentences, vectors, train, Penalties);
            var scores = model.Score(test.Select(i => vectors[i]).ToList(), test.Select(i => sentences[i].Text).ToList());
            results.Add(new FoldResult(f, test.Select((i, k) => scores[k] >= 0.5 == sentences[i].Positive ? 1.0 : 0.0).Average()));
            foldDone?.Invoke(f);
        }
        return results;
    }

    private static SentimentModel Fit(string encoder, IReadOnlyList<LabelledSentence> sentences, float[][] vectors, int[] rows, double[] penalties)
    {
        var vocabulary = NaiveBayesWeighted(TfIdfVocabulary.Fit(rows.Select(i => sentences[i].Text), Terms), sentences, rows);
        var labels = rows.Select(i => sentences[i].Positive).ToList();
        var vectorView = rows.Select(i => new SentimentFeatures(vectors[i], [], [])).ToList();
        var wordsView = rows.Select(i => Features([], vocabulary, sentences[i].Text)).ToList();
        var vectorFits = penalties.Select(l2 => ViewFit(vectorView, labels, l2, fit => fit.DenseWeights)).ToList();
        var wordsFits = penalties.Select(l2 => ViewFit(wordsView, labels, l2, fit => fit.SparseWeights)).ToList();
        return SentimentModel.From(encoder, vectors[rows[0]].Length, vocabulary, vectorFits, wordsFits);
    }

    private static SentimentViewFit ViewFit(List<SentimentFeatures> view, List<bool> labels, double l2, Func<LogisticRegression, double[]> weights)
    {
        var fit = LogisticRegression.Fit(view, labels, l2);
        return new SentimentViewFit(l2, weights(fit), fit.Bias);
    }

    /// <summary>The vocabulary with each bucket's IDF times its naive-Bayes weight over the sentences of <paramref name="rows"/>.</summary>
    private static TfIdfVocabulary NaiveBayesWeighted(TfIdfVocabulary vocabulary, IReadOnlyList<LabelledSentence> sentences, int[] rows) =>
        vocabulary.Reweighted(NaiveBayesTermWeights.Of(rows.Select(i => ((IEnumerable<int>)vocabulary.Transform(sentences[i].Text).Index, sentences[i].Positive)),
            TfIdfVocabulary.Buckets));

    /// <summary>A fold per sentence, positives and negatives each dealt round-robin after a seeded shuffle.</summary>
    private static int[] Folds(IReadOnlyList<LabelledSentence> sentences, int folds, int seed)
    {
        var random = new Random(seed);
        var fold = new int[sentences.Count];
        foreach (var label in new[] { true, false })
        {
            var rows = Enumerable.Range(0, sentences.Count).Where(i => sentences[i].Positive == label).ToArray();
            random.Shuffle(rows);
            for (var k = 0; k < rows.Length; k++) fold[rows[k]] = k % folds;
        }
        return fold;
    }
}
