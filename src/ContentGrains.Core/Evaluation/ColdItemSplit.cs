using ContentGrains.Core.Data;

namespace ContentGrains.Core.Evaluation;

/// <summary>
/// A split for measuring cold start: a seeded share of the trained items is held out entirely, so no model sees any
/// interaction with them in training or validation (only their metadata in the side file); their test interactions
/// are the target. <see cref="Train"/> and <see cref="Valid"/> are the original sets without the cold items.
/// </summary>
public sealed class ColdItemSplit
{
    private ColdItemSplit(GivenSplit original, bool[] isCold, InteractionSet train, InteractionSet valid, InteractionSet coldTest)
    {
        Original = original;
        IsCold = isCold;
        Train = train;
        Valid = valid;
        ColdTest = coldTest;
    }

    public GivenSplit Original { get; }

    /// <summary>One flag per item: held out of training.</summary>
    public IReadOnlyList<bool> IsCold { get; }

    public int ColdItemCount => IsCold.Count(cold => cold);

    /// <summary>The original training interactions without those of cold items.</summary>
    public InteractionSet Train { get; }

    /// <summary>The original validation interactions without those of cold items (for early stopping only).</summary>
    public InteractionSet Valid { get; }

    /// <summary>The original test interactions with cold items only: what a cold-start evaluation ranks.</summary>
    public InteractionSet ColdTest { get; }

    /// <summary>Holds out round(<paramref name="fraction"/> × trained items) items, drawn with <paramref name="seed"/>.</summary>
    public static ColdItemSplit Create(GivenSplit split, double fraction, int seed)
    {
        if (fraction is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "the cold item fraction must be in (0, 1)");
        var counts = split.Train.ItemCounts();
        var trained = Enumerable.Range(0, split.ItemCount).Where(item => counts[item] > 0).ToArray();
        new Random(seed).Shuffle(trained);
        var isCold = new bool[split.ItemCount];
        foreach (var item in trained[..(int)Math.Round(trained.Length * fraction)])
            isCold[item] = true;
        return new ColdItemSplit(split, isCold,
            Filter(split.Train, item => !isCold[item]), Filter(split.Valid, item => !isCold[item]), Filter(split.Test, item => isCold[item]));
    }

    /// <summary>
    /// Recall and NDCG at <paramref name="k"/> on <see cref="ColdTest"/>, ranking the cold items only and then every
    /// item; a user's original training and validation items are left out of the ranking either way.
    /// </summary>
    public (EvaluationResult AmongCold, EvaluationResult AmongAll) Evaluate(UserScorer scorer, int k)
    {
        var evaluator = new FullRankingEvaluator(k);
        var excluded = new[] { Original.Train, Original.Valid };
        var amongAll = evaluator.Evaluate(scorer, ColdTest, excluded, Train.ItemCounts());
        var amongCold = evaluator.Evaluate((user, scores) =>
        {
            scorer(user, scores);
            for (var item = 0; item < scores.Length; item++)
            {
                if (!IsCold[item])
                    scores[item] = float.NegativeInfinity;
            }
        }, ColdTest, excluded, Train.ItemCounts());
        return (amongCold, amongAll);
    }

    private static InteractionSet Filter(InteractionSet set, Func<int, bool> keep)
    {
        var pairs = new List<(int, int)>(set.Count);
        for (var user = 0; user < set.UserCount; user++)
        {
            foreach (var item in set.ItemsOf(user))
            {
                if (keep(item))
                    pairs.Add((user, item));
            }
        }
        return InteractionSet.FromPairs(set.UserCount, set.ItemCount, pairs);
    }
}
