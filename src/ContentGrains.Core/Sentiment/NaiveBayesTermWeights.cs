namespace ContentGrains.Core.Sentiment;

/// <summary>
/// How strongly each hashed term bucket leans to one class, as in NBSVM (Wang and Manning, 2012): with p and q the
/// counts of training texts holding the bucket among positives and negatives, each plus one (Laplace), the weight is
/// |ln((p / Σp) / (q / Σq))|, the sums running over all buckets. Multiplied into the IDF, it lets words that split the
/// classes weigh more in a text's unit-length TF-IDF row than words common to both, before the regression sees them.
/// A bucket no training text holds gets |ln(Σq / Σp)|, near 0 when the classes hold as many terms.
/// </summary>
public static class NaiveBayesTermWeights
{
    /// <summary>The weight of each of <paramref name="buckets"/> buckets; each text counts a bucket once, however often it holds it.</summary>
    public static double[] Of(IEnumerable<(IEnumerable<int> Buckets, bool Positive)> texts, int buckets)
    {
        var positive = new double[buckets];
        var negative = new double[buckets];
        Array.Fill(positive, 1);
        Array.Fill(negative, 1);
        foreach (var (terms, isPositive) in texts)
            foreach (var bucket in terms.Distinct())
                (isPositive ? positive : negative)[bucket]++;
        var positiveTotal = positive.Sum();
        var negativeTotal = negative.Sum();
        return positive.Select((p, b) => Math.Abs(Math.Log(p / positiveTotal / (negative[b] / negativeTotal)))).ToArray();
    }
}
