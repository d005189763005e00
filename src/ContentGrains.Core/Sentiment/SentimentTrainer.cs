namespace ContentGrains.Core.Sentiment;

/// <summary>Accuracy of one outer fold and the penalties the inner folds chose for it (sentence vector, terms).</summary>
public sealed record FoldResult(int Fold, double Accuracy, double L2, double WordsL2);

/// <summary>
/// Fits <see cref="SentimentModel"/> from labelled sentences and their sentence vectors (computed once: the encoder is
/// pretrained and never sees the labels): one logistic regression on the vectors, one on TF-IDF of
/// <see cref="SentimentTerms.NegationAndCharacters"/> terms, their probabilities averaged. Averaging two views that
/// err differently beat one regression over both blocks on the 2,000 sentiment sentences (README). Each view's L2
/// penalty is chosen from <see cref="Penalties"/> by cross-validation inside the training data only (the pair whose
/// averaged probabilities are most accurate), so an outer fold's test sentences never influence the choice.
/// </summary>
public static class SentimentTrainer
{
    public static readonly double[] Penalties = [3e-5, 1e-4, 3e-4, 1e-3, 3e-3];
    public const SentimentTerms Terms = SentimentTerms.NegationAndCharacters;

    public static SentimentFeatures Features(float[] vector, TfIdfVocabulary vocabulary, string text)
    {
        var (index, value) = vocabulary.Transform(text);
        return new SentimentFeatures(vector, index, value);
    }

    /// <summary>Trains on all the sentences, the penalties chosen by <paramref name="innerFolds"/>-fold cross-validation.</summary>
    public static SentimentModel Train(string encoder, IReadOnlyList<LabelledSentence> sentences, float[][] vectors, int innerFolds = 3, int seed = 1)
    {
        var all = Enumerable.Range(0, sentences.Count).ToArray();
        var (l2, wordsL2) = ChoosePenalties(sentences, vectors, all, innerFolds, seed);
        return Fit(encoder, sentences, vectors, all, l2, wordsL2);
    }

    /// <summary>Trains on all the sentences with the given penalty for both views (no cross-validation: one fit each).</summary>
    public static SentimentModel Train(string encoder, IReadOnlyList<LabelledSentence> sentences, float[][] vectors, double l2)
    {
        if (!(l2 >= 0)) throw new ArgumentOutOfRangeException(nameof(l2), "the penalty must be zero or above");
        return Fit(encoder, sentences, vectors, Enumerable.Range(0, sentences.Count).ToArray(), l2, l2);
    }

    /// <summary>Stratified <paramref name="folds"/>-fold accuracy, each fold's penalties chosen inside its training part.</summary>
    /// <param name="foldDone">Told each fold once it is scored (a caller's progress display).</param>
    public static List<FoldResult> CrossValidate(IReadOnlyList<LabelledSentence> sentences, float[][] vectors, int folds = 5, int innerFolds = 3, int seed = 1,
        Action<int>? foldDone = null)
    {
        var assignment = Folds(sentences, folds, seed);
        var results = new List<FoldResult>();
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, sentences.Count).Where(i => assignment[i] != f).ToArray();
            var test = Enumerable.Range(0, sentences.Count).Where(i => assignment[i] == f).ToArray();
            var (l2, wordsL2) = ChoosePenalties(sentences, vectors, train, innerFolds, seed + f + 1);
            var model = Fit("fold", sentences, vectors, train, l2, wordsL2);
            var scores = model.Score(test.Select(i => vectors[i]).ToList(), test.Select(i => sentences[i].Text).ToList());
            results.Add(new FoldResult(f, test.Select((i, k) => scores[k] >= 0.5 == sentences[i].Positive ? 1.0 : 0.0).Average(), l2, wordsL2));
            foldDone?.Invoke(f);
        }
        return results;
    }

    /// <summary>The (vector, terms) penalty pair whose averaged probabilities are most accurate over the inner folds of <paramref name="rows"/>.</summary>
    private static (double L2, double WordsL2) ChoosePenalties(IReadOnlyList<LabelledSentence> sentences, float[][] vectors, int[] rows, int folds, int seed)
    {
        var assignment = Folds(rows.Select(i => sentences[i]).ToList(), folds, seed);
        var correct = new int[Penalties.Length, Penalties.Length];
        for (var f = 0; f < folds; f++)
        {
            var train = rows.Where((_, k) => assignment[k] != f).ToArray();
            var test = rows.Where((_, k) => assignment[k] == f).ToArray();
            var vocabulary = TfIdfVocabulary.Fit(train.Select(i => sentences[i].Text), Terms);
            var vector = Penalties.Select(l2 => Probabilities(VectorView(vectors, train), sentences, train, l2, VectorView(vectors, test))).ToList();
            var words = Penalties.Select(l2 => Probabilities(WordsView(vocabulary, sentences, train), sentences, train, l2, WordsView(vocabulary, sentences, test))).ToList();
            for (var a = 0; a < Penalties.Length; a++)
                for (var b = 0; b < Penalties.Length; b++)
                    for (var k = 0; k < test.Length; k++)
                        if ((vector[a][k] + words[b][k]) / 2 >= 0.5 == sentences[test[k]].Positive) correct[a, b]++;
        }
        var best = (A: 0, B: 0);
        for (var a = 0; a < Penalties.Length; a++)
            for (var b = 0; b < Penalties.Length; b++)
                if (correct[a, b] > correct[best.A, best.B]) best = (a, b);
        return (Penalties[best.A], Penalties[best.B]);
    }

    private static double[] Probabilities(List<SentimentFeatures> train, IReadOnlyList<LabelledSentence> sentences, int[] rows, double l2, List<SentimentFeatures> test)
    {
        var fit = LogisticRegression.Fit(train, rows.Select(i => sentences[i].Positive).ToList(), l2);
        return test.Select(fit.Probability).ToArray();
    }

    private static SentimentModel Fit(string encoder, IReadOnlyList<LabelledSentence> sentences, float[][] vectors, int[] rows, double l2, double wordsL2)
    {
        var vocabulary = TfIdfVocabulary.Fit(rows.Select(i => sentences[i].Text), Terms);
        var labels = rows.Select(i => sentences[i].Positive).ToList();
        var vector = LogisticRegression.Fit(VectorView(vectors, rows), labels, l2);
        var words = LogisticRegression.Fit(WordsView(vocabulary, sentences, rows), labels, wordsL2);
        return SentimentModel.From(encoder, vocabulary, vector, l2, words, wordsL2);
    }

    private static List<SentimentFeatures> VectorView(float[][] vectors, int[] rows) => rows.Select(i => new SentimentFeatures(vectors[i], [], [])).ToList();

    private static List<SentimentFeatures> WordsView(TfIdfVocabulary vocabulary, IReadOnlyList<LabelledSentence> sentences, int[] rows) =>
        rows.Select(i => Features([], vocabulary, sentences[i].Text)).ToList();

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
