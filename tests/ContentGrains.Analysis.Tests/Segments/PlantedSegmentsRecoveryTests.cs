using ContentGrains.Analysis.Segments;
using ContentGrains.Core.Events;
using ContentGrains.Core.Segments;
using ContentGrains.Core.Simulation;

namespace ContentGrains.Analysis.Tests.Segments;

/// <summary>
/// The simulator plants 4 groups (tastes, hours, channels); their events go through the offline activity table, and the
/// fit must choose k = 4 by silhouette and recover the groups with an adjusted Rand index of at least 0.9.
/// </summary>
public sealed class PlantedSegmentsRecoveryTests
{
    [Fact]
    public void Kmeans_by_silhouette_and_dbscan_recover_four_planted_groups()
    {
        var settings = new WorldSettings { Users = 1_200, Items = 600, Segments = 4, Seed = 3 };
        var end = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var world = new WorldGenerator(settings);
        var items = Enumerable.Range(0, settings.Items).Select(i => world.Item(i)).ToDictionary(i => i.Id, i => new ItemFacts(i.Tags, null));
        var table = new PersonActivityTable(TimeSpan.FromDays(14), 1L << 30);
        foreach (var e in new BulkEventGenerator(settings, 240_000, end, TimeSpan.FromDays(30), interactionsOnly: false).Events())
        {
            var type = EventTypes.TryParse(e.Type, out var t) ? t : throw new InvalidOperationException(e.Type);
            var itemId = SimIds.Item(e.Item);
            table.Add(new Interaction($"b{e.Sequence}", SimIds.User(e.User), itemId, type, e.Timestamp, e.Channel, e.DwellSeconds, null, null), items[itemId]);
        }

        var fit = new SegmentFitter(new MlKMeansClusterer(), new SegmentFitOptions { MaxK = 8, SampleSize = 1_200 }).Fit(table.Signals(end), end);

        Assert.Equal(4, fit.Model.Report.ChosenK);
        var silhouettes = fit.Model.Report.Silhouettes.ToDictionary(s => s.K, s => s.Silhouette);
        Assert.Equal(silhouettes.Values.Max(), silhouettes[4]);
        var truth = fit.SampleIds.Select(id => world.Person(long.Parse(id[1..])).Segment).ToList();
        var kmeansAri = AdjustedRandIndex.Of(truth, fit.KMeansLabels);
        var dbscanAri = AdjustedRandIndex.Of(truth, fit.DbscanLabels);
        Assert.True(kmeansAri >= 0.9, $"k-means ARI {kmeansAri:F3}");
        Assert.True(dbscanAri >= 0.8, $"DBSCAN ARI {dbscanAri:F3} ({fit.Model.Report.Dbscan.Clusters} clusters, {fit.Model.Report.Dbscan.Noise} noise)");

        // Each segment is described by its group's habits: the channel of its people's group comes first.
        foreach (var segment in fit.Model.Segments)
        {
            var members = fit.SampleIds.Where((_, i) => fit.KMeansLabels[i] == segment.Segment).Select(id => world.Person(long.Parse(id[1..]))).ToList();
            var group = members.GroupBy(p => p.Segment).MaxBy(g => g.Count())!.Key;
            Assert.Equal(PlantedSegments.Channels[group % 4], segment.Top[PersonSignals.Channels][0].Key);
        }
        Assert.Equal(fit.Model.Report.People, fit.Model.Segments.Sum(s => s.Size));
    }

    [Fact]
    public void The_ml_net_clusterer_answers_zero_based_labels_and_its_centroids()
    {
        var points = Enumerable.Range(0, 30).Select(i => i < 15 ? new[] { 0f + i * 0.01f, 0f } : new[] { 5f, 5f + i * 0.01f }).ToList();
        var clustering = new MlKMeansClusterer().Cluster(points, 2, seed: 1);
        Assert.Equal([0, 1], clustering.Labels.Distinct().Order());
        Assert.Single(clustering.Labels.Take(15).Distinct());
        var first = clustering.Centroids[clustering.Labels[0]];
        Assert.Equal(0.07, first[0], 3); // the mean of 0.00 … 0.14
        Assert.Equal(0, first[1], 3);
    }

    [Fact]
    public void People_who_all_look_alike_are_too_few_to_segment_and_k_never_exceeds_the_distinct_count()
    {
        var now = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        static PersonSignals Reads(string tag) => new(new Dictionary<string, IReadOnlyDictionary<string, double>>
        {
            [PersonSignals.Tags] = new Dictionary<string, double> { [tag] = 1 },
        });
        var fitter = new SegmentFitter(new MlKMeansClusterer(), new SegmentFitOptions { MaxK = 8, MinPoints = 2 });

        var alike = Enumerable.Range(0, 12).Select(i => ($"u{i}", Reads("news"))).ToList();
        var error = Assert.Throws<TooFewPeopleException>(() => fitter.Fit(alike, now));
        Assert.Equal("segments need at least 2 people whose engagement differs, found 1 distinct among 12", error.Message);

        // Three kinds of reader: k-means tries k = 2 and 3 (never more centroids than distinct points), and 3 fits best.
        var three = Enumerable.Range(0, 12).Select(i => ($"u{i}", Reads(new[] { "news", "sport", "film" }[i % 3]))).ToList();
        var fit = fitter.Fit(three, now);
        Assert.Equal([2, 3], fit.Model.Report.Silhouettes.Select(s => s.K));
        Assert.Equal(3, fit.Model.Report.ChosenK);
    }
}
