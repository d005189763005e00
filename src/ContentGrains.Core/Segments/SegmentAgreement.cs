namespace ContentGrains.Core.Segments;

/// <summary>
/// How well fitted segments recover known groups (the simulator's planted ones), by the adjusted Rand index: k-means
/// over every person with a known group (each at the nearest centroid), k-means and DBSCAN over the fitted sample
/// (DBSCAN's noise counted as one more group, so leaving people out costs it), and how many people were compared.
/// </summary>
public sealed record SegmentAgreement(double KMeans, double KMeansSample, double Dbscan, int People, int Sampled, int TrueGroups)
{
    public static SegmentAgreement Of(IReadOnlyDictionary<string, int> truth, IReadOnlyList<(string UserId, int Segment)> assigned, SegmentFit fit)
    {
        var known = assigned.Where(a => truth.ContainsKey(a.UserId)).ToList();
        if (known.Count < 2) throw new ArgumentException($"the truth file names {known.Count} of the {assigned.Count} people assigned; it must cover at least two");
        var sample = fit.SampleIds.Select((id, i) => (id, i)).Where(p => truth.ContainsKey(p.id)).ToList();
        var sampleTruth = sample.Select(p => truth[p.id]).ToList();
        return new SegmentAgreement(
            Math.Round(AdjustedRandIndex.Of(known.Select(a => truth[a.UserId]).ToList(), known.Select(a => a.Segment).ToList()), 4),
            Math.Round(AdjustedRandIndex.Of(sampleTruth, sample.Select(p => fit.KMeansLabels[p.i]).ToList()), 4),
            Math.Round(AdjustedRandIndex.Of(sampleTruth, sample.Select(p => fit.DbscanLabels[p.i]).ToList()), 4),
            known.Count, sample.Count, known.Select(a => truth[a.UserId]).Distinct().Count());
    }
}
