using ContentGrains.Core.Click;

namespace ContentGrains.Analysis.Click;

/// <summary>The live click kind's trees: <see cref="LightGbmClickTrainer"/> with fixed settings (a live job has no validation day to choose on).</summary>
public sealed class LightGbmClickTreeFitter(LightGbmClickOptions options) : IClickTreeFitter
{
    /// <summary>
    /// The booster chosen on MIND's validation day with the network (README.s11-clickmind.md): lambdarank with each
    /// shown feed as a query, 50 trees of 7 leaves at rate 0.1.
    /// </summary>
    public static LightGbmClickOptions LiveOptions { get; } = new(ClickTreeObjective.LambdaRank, Trees: 50, Leaves: 7, LearningRate: 0.1, MinRowsInLeaf: 100);

    public LightGbmClickTreeFitter() : this(LiveOptions) { }

    public ClickTreeEnsemble Fit(IReadOnlyList<ClickImpression> impressions, int seed) =>
        LightGbmClickTrainer.Fit(impressions, options with { Seed = seed }).Trees;
}
