using ContentGrains.Core.Evaluation;
using ContentGrains.Core.Live;

namespace ContentGrains.Core.Candidates;

/// <summary>The published model's best-scored items for the person (collaborative or hybrid, whichever is live).</summary>
public static class ModelCandidates
{
    public static void Collect(ReadOnlySpan<float> modelScores, ModelCatalogLink link, int count, CandidatePool pool)
    {
        if (count <= 0) return;
        var masked = new float[modelScores.Length];
        for (var m = 0; m < masked.Length; m++)
        {
            var entry = link.CatalogIndexOf[m];
            masked[m] = entry >= 0 && pool.Allows(entry) ? modelScores[m] : float.NegativeInfinity;
        }
        var best = new int[Math.Min(count, masked.Length)];
        var found = TopK.Select(masked, best);
        for (var i = 0; i < found; i++) pool.Add(link.CatalogIndexOf[best[i]]);
    }
}
