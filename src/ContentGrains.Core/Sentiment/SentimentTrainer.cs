namespace ContentGrains.Core.Sentiment;

/// <summary>Accuracy of one outer fold and what the inner folds chose for it: the penalties (sentence vector, terms) and the vector view's weight.</summary>
public sealed record FoldResult(int Fold, double Accuracy, double L2, double WordsL2, double VectorWeight);

/// <summary>What the inner cross-validation chose: each view's penalty and the sentence vector's weight in the blend.</summary>
public sealed record ViewChoice(double L2, double WordsL2, double VectorWeight);

/// <summary>
/// Fits <see cref="SentimentModel"/> from labelled sentences and their sentence vectors (computed once: the encoder is
/// pretrained and never sees the labels): one logistic regression on the vectors, one on TF-IDF of
/// <see cref="SentimentTerms.NegationAndCharacters"/> terms, their probabilities blended with weights w and 1 − w.
/// Blending two views that err differently beat one regression over both blocks on the 2,000 sentiment sentences
/// (README). Each view's L2 penalty (from <see cref="Penalties"/>) and the weight (from <see cref="VectorWeights"/>) are
/// chosen together by cross-validation inside the training data only (the triple whose blended out-of-fold
/// probabilities are most accurate: stacking with one learned weight), so an outer fold's test sentences never
/// influence the choice. The weight costs no extra fit: it reuses the inner folds' probabilities.
/// </summary>
public static class SentimentTrainer
{
    public static readonly double[] Penalties = [3e-5, 1e-4, 3e-4, 1e-3, 3e-3];

    /// <summary>The sentence vector view's weights tried in the blend (the terms view gets the rest); 0.5 is the plain mean.</summary>
    public static readonly double[] VectorWeights = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
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
        return Fit(encoder, sentences, vectors, all, ChooseViews(sentences, vectors, all, innerFolds, seed));
    }

    /// <summary>Trains on all the sentences with the given penalty for both views (no cross-validation: one fit each).</summary>
    public static SentimentModel Train(string encoder, IReadOnlyList<LabelledSentence> sentences, float[][] vectors, double l2)
    {
        if (!(l2 >= 0)) throw new ArgumentOutOfRangeException(nameof(l2), "the penalty must be zero or above");
        return Fit(encoder, sentences, vectors, Enumerable.Range(0, sentences.Count).ToArray(), new ViewChoice(l2, l2, 0.5));
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
            var choice = ChooseViews(sentences, vectors, train, innerFolds, seed + f + 1);
            var model = Fit("fold", sentences, vectors, train, choice);
            var scores = model.Score(test.Select(i => vectors[i]).ToList(), test.Select(i => sentences[i].Text).ToList());
            results.Add(new FoldResult(f, test.Select((i, k) => scores[k] >= 0.5 == sentences[i].Positive ? 1.0 : 0.0).Average(),
                choice.L2, choice.WordsL2, choice.VectorWeight));
            foldDone?.Invoke(f);
        }
        return results;
    }

    /// <summary>The (vector penalty, terms penalty, vector weight) whose blended probabilities are most accurate over the inner folds of <paramref name="rows"/>.</summary>
    private static ViewChoice ChooseViews(IReadOnlyList<LabelledSentence> sentences, float[][] vectors, int[] rows, int folds, int seed)
    {
        var assignment = Folds(rows.Select(i => sentences[i]).ToList(), folds, seed);
        var correct = new int[Penalties.Length, Penalties.Length, VectorWeights.Length];
        for (var f = 0; f < folds; f++)
        {
            var train = rows.Where((_, k) => assignment[k] != f).ToArray();
            var test = rows.Where((_, k) => assignment[k] == f).ToArray();
            var vocabulary = TfIdfVocabulary.Fit(train.Select(i => sentences[i].Text), Terms);
            var vector = Penalties.Select(l2 => Probabilities(VectorView(vectors, train), sentences, train, l2, VectorView(vectors, test))).ToList();
            var words = Penalties.Select(l2 => Probabilities(WordsView(vocabulary, sentences, train), sentences, train, l2, WordsView(vocabulary, sentences, test))).ToList();
            for (var a = 0; a < Penalties.Length; a++)
                for (var b = 0; b < Penalties.Length; b++)
                    for (var w = 0; w < VectorWeights.Length; w++)
                        for (var k = 0; k < test.Length; k++)
                            if (SentimentModel.Blend(vector[a][k], words[b][k], VectorWeights[w]) >= 0.5 == sentences[test[k]].Positive) correct[a, b, w]++;
        }
        return Best(correct);
    }

    /// <summary>The most accurate triple; ties go to the first in grid order, so the plain mean (0.5) wins over a skewed weight tried later only when it is better.</summary>
    private static ViewChoice Best(int[,,] correct)
    {
        var best = (A: 0, B: 0, W: Array.IndexOf(VectorWeights, 0.5));
        for (var a = 0; a < Penalties.Length; a++)
            for (var b = 0; b < Penalties.Length; b++)
                for (var w = 0; w < VectorWeights.Length; w++)
                    if (correct[a, b, w] > correct[best.A, best.B, best.W]) best = (a, b, w);
        return new ViewChoice(Penalties[best.A], Penalties[best.B], VectorWeights[best.W]);
    }

    private static double[] Probabilities(List<SentimentFeatures> train, IReadOnlyList<LabelledSentence> sentences, int[] rows, double l2, List<SentimentFeatures> test)
    {
        var fit = LogisticRegression.Fit(train, rows.Select(i => sentences[i].Positive).ToList(), l2);
        return test.Select(fit.Probability).ToArray();
    }

    private static SentimentModel Fit(string encoder, IReadOnlyList<LabelledSentence> sentences, float[][] vectors, int[] rows, ViewChoice choice)
    {
        var vocabulary = TfIdfVocabulary.Fit(rows.Select(i => sentences[i].Text), Terms);
        var labels = rows.Select(i => sentences[i].Positive).ToList();
        var vector = LogisticRegression.Fit(VectorView(vectors, rows), labels, choice.L2);
        var words = LogisticRegression.Fit(WordsView(vocabulary, sentences, rows), labels, choice.WordsL2);
        return SentimentModel.From(encoder, vocabulary, vector, choice.L2, words, choice.WordsL2, choice.VectorWeight);
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
