using ContentGrains.Core.Simulation;

namespace ContentGrains.Core.Variants;

/// <summary>
/// Each variant's probability of being the best and its expected loss (E[max CTR − its CTR]), estimated by drawing every
/// posterior <paramref name="draws"/> times from a seeded generator, so the same counts and seed give the same answer.
/// </summary>
public sealed record PosteriorComparison(IReadOnlyList<double> ProbabilityBest, IReadOnlyList<double> ExpectedLoss)
{
    public static PosteriorComparison Estimate(IReadOnlyList<BetaPosterior> variants, int draws, SimRandom random)
    {
        var k = variants.Count;
        var wins = new double[k];
        var loss = new double[k];
        var sample = new double[k];
        for (var d = 0; d < draws; d++)
        {
            var best = 0;
            for (var i = 0; i < k; i++)
            {
                sample[i] = variants[i].Sample(random);
                if (sample[i] > sample[best]) best = i;
            }
            wins[best]++;
            for (var i = 0; i < k; i++) loss[i] += sample[best] - sample[i];
        }
        return new(wins.Select(w => w / draws).ToArray(), loss.Select(l => l / draws).ToArray());
    }

    /// <summary>The variant with the highest P(best); ties go to the earlier one.</summary>
    public int Leader()
    {
        var leader = 0;
        for (var i = 1; i < ProbabilityBest.Count; i++)
            if (ProbabilityBest[i] > ProbabilityBest[leader]) leader = i;
        return leader;
    }
}
