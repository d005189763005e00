using System.Diagnostics;

namespace ContentGrains.Core.Segments;

/// <summary>What <see cref="SegmentFitter.Fit"/> found: the model, the sampled people's ids with their k-means and DBSCAN
/// labels, and every fitted person's segment (the nearest centroid).</summary>
public sealed record SegmentFit(SegmentModel Model, IReadOnlyList<string> SampleIds, int[] KMeansLabels, int[] DbscanLabels,
    SegmentAssignments Assignments);

/// <summary>
/// Fits segments to people's signals: a sample (the people whose seeded hash of the id is smallest, so the same
/// people are drawn every time) fixes the feature space and is clustered by k-means for every k in the range; the k
/// with the highest mean silhouette wins. DBSCAN runs over the same sample with eps at the k-distance knee, for
/// comparison and its noise count. Each segment is then described over everyone (each person at the nearest centroid).
/// Memory: the sample's n² distance matrix plus one vector per person.
/// </summary>
public sealed class SegmentFitter(ISegmentClusterer clusterer, SegmentFitOptions options)
{
    public SegmentFit Fit(IReadOnlyList<(string UserId, PersonSignals Signals)> people, DateTimeOffset now)
    {
        if (options.Problem() is { } problem) throw new ArgumentException($"{problem.Field} {problem.Reason}");
        var active = people.Where(p => !p.Signals.IsEmpty).ToList();
        if (active.Count < options.MinK + 1)
            throw new TooFewPeopleException($"segments need more than {options.MinK} people with engagement, found {active.Count}");
        var clock = Stopwatch.StartNew();
        var sample = active.OrderBy(p => StableHash(p.UserId, options.Seed)).ThenBy(p => p.UserId, StringComparer.Ordinal)
            .Take(options.SampleSize).ToList();
        var space = SegmentFeatureSpace.Fit(sample.Select(p => p.Signals).ToList(), options.MaxTags);
        var vectors = sample.Select(p => space.Vector(p.Signals)).ToList();
        // k-means cannot place more centroids than there are distinct points: people who all look alike are too few.
        var distinct = vectors.Distinct(Collections.ArrayEquality<float>.Instance).Count();
        if (distinct < options.MinK)
            throw new TooFewPeopleException($"segments need at least {options.MinK} people whose engagement differs, found {distinct} distinct among {sample.Count}");
        var distances = Distances.Matrix(vectors);

        var (best, silhouettes) = ChooseK(vectors, distances, distinct);
        var dbscan = Dbscan.Run(distances, KDistanceKnee.Eps(distances, options.MinPoints - 1), options.MinPoints);
        var everyone = active.Select(p => space.Vector(p.Signals)).ToList();
        var labels = everyone.Select(v => SegmentModel.NearestOf(best.Centroids, v).Segment).ToList();
        var report = new SegmentFitReport(clusterer.Name, active.Count, sample.Count, space.Dimensions, silhouettes, best.Centroids.Length,
            new DbscanSummary(Math.Round(dbscan.Eps, 6), dbscan.MinPoints, dbscan.Clusters, dbscan.Noise, Math.Round((double)dbscan.Noise / sample.Count, 4),
                Round(Silhouette.Mean(distances, dbscan.Labels))),
            Math.Round(clock.Elapsed.TotalSeconds, 3), now);
        var model = new SegmentModel(space, best.Centroids, SegmentDescription.Describe(space, everyone, labels, best.Centroids.Length), report);
        var assignments = new SegmentAssignments(active.Select((p, i) => (p.UserId, labels[i])).ToDictionary(a => a.UserId, a => a.Item2, StringComparer.Ordinal));
        return new SegmentFit(model, sample.Select(p => p.UserId).ToList(), best.Labels, dbscan.Labels, assignments);
    }

    private (Clustering Best, IReadOnlyList<KSilhouette> Silhouettes) ChooseK(List<float[]> vectors, float[][] distances, int distinct)
    {
        var maxK = Math.Min(options.MaxK, Math.Min(distinct, vectors.Count - 1)); // k-means needs k distinct points, a silhouette k < n
        Clustering? best = null;
        var bestScore = double.MinValue;
        var silhouettes = new List<KSilhouette>();
        for (var k = options.MinK; k <= maxK; k++)
        {
            var clustering = BestOfRestarts(vectors, k);
            var score = Silhouette.Mean(distances, clustering.Labels) ?? -1;
            silhouettes.Add(new KSilhouette(k, Math.Round(score, 4)));
            if (score > bestScore) (best, bestScore) = (clustering, score);
        }
        return (best!, silhouettes);
    }

    private Clustering BestOfRestarts(List<float[]> vectors, int k) =>
        Enumerable.Range(0, options.Restarts).Select(r => clusterer.Cluster(vectors, k, options.Seed + r))
            .MinBy(c => WithinSumOfSquares(vectors, c))!;

    /// <summary>k-means' objective: the sum of squared distances from each point to its centroid.</summary>
    public static double WithinSumOfSquares(IReadOnlyList<float[]> vectors, Clustering clustering)
    {
        double sum = 0;
        for (var i = 0; i < vectors.Count; i++)
        {
            var d = Distances.Euclidean(vectors[i], clustering.Centroids[clustering.Labels[i]]);
            sum += d * d;
        }
        return sum;
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;

    /// <summary>FNV-1a over the id's characters, mixed with the seed: the same people are sampled on every machine and run.</summary>
    public static ulong StableHash(string id, int seed)
    {
        var hash = 14695981039346656037UL ^ (ulong)(uint)seed * 0x9E3779B97F4A7C15UL;
        foreach (var c in id) hash = (hash ^ c) * 1099511628211UL;
        return hash;
    }
}
